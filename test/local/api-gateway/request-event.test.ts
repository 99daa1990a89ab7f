import { describe, expect, it } from 'vitest';
import {
  type RawHttpRequest,
  toApiGatewayEvent,
} from '../../../local/api-gateway/request-event.js';

const createRequest = (overrides: Partial<RawHttpRequest> = {}): RawHttpRequest => ({
  method: 'GET',
  url: '/health',
  headers: { host: ['localhost:3000'], 'user-agent': ['curl/8.5.0'] },
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  receivedAt: new Date('2026-03-12T19:03:58.123Z'),
  ...overrides,
});

describe('toApiGatewayEvent', () => {
  it('builds a payload format 2.0 event with the request context of an HTTP API', () => {
    // Prepare
    const request = createRequest();

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/health',
      rawQueryString: '',
      isBase64Encoded: false,
      requestContext: {
        domainName: 'localhost:3000',
        http: {
          method: 'GET',
          path: '/health',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.5.0',
        },
        routeKey: '$default',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: Date.parse('2026-03-12T19:03:58.123Z'),
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{13}=$/);
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('reports the given route key in the event and its request context', () => {
    // Prepare
    const request = createRequest({ method: 'POST', url: '/signup' });

    // Act
    const event = toApiGatewayEvent(request, { routeKey: 'POST /signup' });

    // Assess
    expect(event.routeKey).toBe('POST /signup');
    expect(event.requestContext.routeKey).toBe('POST /signup');
  });

  it('splits the query string off the path and joins repeated parameters with commas', () => {
    // Prepare
    const request = createRequest({ url: '/confirm?token=a%2Bb.c&tag=x&tag=y' });

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event.rawPath).toBe('/confirm');
    expect(event.rawQueryString).toBe('token=a%2Bb.c&tag=x&tag=y');
    expect(event.queryStringParameters).toEqual({ token: 'a+b.c', tag: 'x,y' });
    expect(event.requestContext.http.path).toBe('/confirm');
  });

  it('joins repeated headers with commas and moves cookies out of the headers', () => {
    // Prepare
    const request = createRequest({
      headers: { accept: ['text/html', 'application/json'], cookie: ['a=1; b=2', 'c=3'] },
    });

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event.headers.accept).toBe('text/html,application/json');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('passes a JSON body as text', () => {
    // Prepare
    const body = '{"email":"ann@example.com","name":"Ann Ö"}';
    const request = createRequest({
      method: 'POST',
      url: '/signup',
      headers: { 'content-type': ['application/json; charset=utf-8'] },
      body: Buffer.from(body),
    });

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a JSON body whose bytes are not UTF-8: binary, not text with U+FFFD', () => {
    // Prepare
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const request = createRequest({
      method: 'POST',
      headers: { 'content-type': ['application/json'] },
      body: bytes,
    });

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it.each([
    ['application/x-www-form-urlencoded', true],
    ['application/problem+json', true],
    ['text/plain; charset=utf-8', false],
    ['application/xml', false],
    ['application/jsonx', true],
  ])('passes a %s body base64-encoded: %s, as an HTTP API does', (contentType, base64) => {
    // Act
    const event = toApiGatewayEvent(
      createRequest({
        method: 'POST',
        headers: { 'content-type': [contentType] },
        body: Buffer.from('email=ann%40example.com'),
      }),
    );

    // Assess
    expect(event.isBase64Encoded).toBe(base64);
  });

  it('base64-encodes a body whose content type is not text', () => {
    // Prepare
    const bytes = Buffer.from([0, 255, 16, 32]);
    const request = createRequest({
      method: 'POST',
      headers: { 'content-type': ['application/octet-stream'] },
      body: bytes,
    });

    // Act
    const event = toApiGatewayEvent(request);

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });
});
