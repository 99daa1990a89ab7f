import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiServer } from '../../../local/api-gateway/api-server.js';
import { closeServer, listenOn } from '../../../local/servers.js';

const maxRequestBytes = 1024;
const events: APIGatewayProxyEventV2[] = [];
let nextResult: () => Promise<unknown>;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createApiServer({
    invoke: (event) => {
      events.push(event);
      return nextResult();
    },
    maxRequestBytes,
    routes: ['POST /signup', 'GET /confirm', 'GET /health'],
    onError: () => {},
  });
  baseUrl = `http://localhost:${await listenOn(server, 0, 'localhost')}`;
});

afterAll(async () => {
  await closeServer(server);
});

beforeEach(() => {
  events.length = 0;
  nextResult = async () => ({ statusCode: 200, body: 'ok' });
});

describe('createApiServer', () => {
  it('invokes the handler with the request as a payload format 2.0 event', async () => {
    // Prepare
    const body = JSON.stringify({ email: 'ann@example.com' });

    // Act
    await fetch(`${baseUrl}/signup?ref=home`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'a=1' },
      body,
    });

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      routeKey: 'POST /signup',
      rawPath: '/signup',
      queryStringParameters: { ref: 'home' },
      cookies: ['a=1'],
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
    });
  });

  it('writes the handler’s result as the HTTP response', async () => {
    // Prepare
    nextResult = async () => ({
      statusCode: 202,
      headers: { 'content-type': 'application/json' },
      cookies: ['a=1', 'b=2'],
      body: '{"status":"accepted"}',
    });

    // Act
    const response = await fetch(`${baseUrl}/signup`, { method: 'POST' });

    // Assess
    expect(response.status).toBe(202);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('apigw-requestid')).toBe(events[0]?.requestContext.requestId);
    expect(await response.json()).toEqual({ status: 'accepted' });
  });

  it('answers API Gateway’s 500 when the handler throws', async () => {
    // Prepare
    nextResult = async () => {
      throw new Error('secret detail');
    };

    // Act
    const response = await fetch(`${baseUrl}/health`);

    // Assess
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('answers API Gateway’s 404 without invoking the handler for a request no route matches', async () => {
    // Act
    const responses = await Promise.all([
      fetch(`${baseUrl}/signup`),
      fetch(`${baseUrl}/admin`, { method: 'POST', body: 'x' }),
    ]);

    // Assess
    expect(responses.map((response) => response.status)).toEqual([404, 404]);
    expect(await responses[0]?.json()).toEqual({ message: 'Not Found' });
    expect(events).toHaveLength(0);
  });

  it('answers 413 without invoking the handler when the body passes the limit', async () => {
    // Act
    const response = await fetch(`${baseUrl}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(maxRequestBytes + 1),
    });

    // Assess
    expect(response.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('answers 413 to a chunked upload that passes the limit while streaming', async () => {
    // Prepare
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(maxRequestBytes));
        controller.enqueue(new Uint8Array(maxRequestBytes));
        controller.close();
      },
    });

    // Act
    const response = await fetch(`${baseUrl}/signup`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit);

    // Assess
    expect(response.status).toBe(413);
    expect(events).toHaveLength(0);
  });
});
