import { describe, expect, it } from 'vitest';
import { toHttpResponse } from '../../../local/api-gateway/response.js';

describe('toHttpResponse', () => {
  it('maps a structured result to status, headers, cookies and body', () => {
    // Prepare
    const result = {
      statusCode: 202,
      headers: { 'content-type': 'application/json', 'retry-after': 5, 'x-cached': false },
      cookies: ['session=abc; HttpOnly', 'theme=dark'],
      body: '{"status":"accepted"}',
    };

    // Act
    const response = toHttpResponse(result);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'retry-after': '5',
      'x-cached': 'false',
    });
    expect(response.cookies).toEqual(['session=abc; HttpOnly', 'theme=dark']);
    expect(response.body.toString()).toBe('{"status":"accepted"}');
  });

  it('decodes a base64-encoded body', () => {
    // Prepare
    const bytes = Buffer.from([137, 80, 78, 71]);
    const result = { statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true };

    // Act
    const response = toHttpResponse(result);

    // Assess
    expect(response.body).toEqual(bytes);
  });

  it('answers an empty body when a structured result has none', () => {
    // Act
    const response = toHttpResponse({ statusCode: 204 });

    // Assess
    expect(response.statusCode).toBe(204);
    expect(response.body.length).toBe(0);
  });

  it('infers a 200 JSON response from an object without a status code', () => {
    // Act
    const response = toHttpResponse({ status: 'ok' });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toBe('{"status":"ok"}');
  });

  it('infers a 200 JSON response with the string itself as the body', () => {
    // Act
    const response = toHttpResponse('Hello from Lambda!');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('Hello from Lambda!');
  });

  it.each([
    { statusCode: '200', body: 'x' },
    { statusCode: 99 },
    { statusCode: 200, body: { not: 'a string' } },
    { statusCode: 200, cookies: 'a=1' },
  ])('answers API Gateway’s 500 for the malformed result %j', (result) => {
    // Act
    const response = toHttpResponse(result);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
  });
});
