import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../../local/api-gateway/api-server.js';
import { parseCorsOrigins } from '../../../local/api-gateway/cors.js';
import { closeServer, listenOn } from '../../../local/servers.js';

// The local API plays API Gateway's CORS (an HTTP API with corsPreflight): the signup
// function does none, so the browser's preflight and headers come from here, as in AWS.
const appOrigin = 'http://localhost:5173';
let invocations = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createApiServer({
    invoke: async () => {
      invocations += 1;
      return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{}' };
    },
    routes: ['POST /signup'],
    corsOrigins: [appOrigin],
    onError: () => {},
  });
  baseUrl = `http://localhost:${await listenOn(server, 0, 'localhost')}`;
});

afterAll(async () => {
  await closeServer(server);
});

const preflight = (origin: string) =>
  fetch(`${baseUrl}/signup`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  });

describe('the local API’s CORS', () => {
  it('answers a preflight from an allowed origin itself, with 204 and the allowed method and headers', async () => {
    // Act
    const response = await preflight(appOrigin);

    // Assess
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': appOrigin,
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
    expect(invocations).toBe(0);
  });

  it('gives a preflight from another origin no CORS headers, so the browser refuses', async () => {
    // Act
    const response = await preflight('https://evil.example');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed origin read the answer and its Retry-After', async () => {
    // Act
    const response = await fetch(`${baseUrl}/signup`, {
      method: 'POST',
      headers: { origin: appOrigin },
    });

    // Assess
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(response.headers.get('access-control-expose-headers')).toBe('retry-after');
  });

  it('adds nothing for another origin', async () => {
    // Act
    const response = await fetch(`${baseUrl}/signup`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });

    // Assess
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS_ORIGINS', () => {
  it('reads comma-separated origins and *, without trailing slashes', () => {
    expect(parseCorsOrigins(' https://a.example/, http://localhost:5173 ,*')).toEqual([
      'https://a.example',
      'http://localhost:5173',
      '*',
    ]);
    expect(parseCorsOrigins(undefined)).toEqual([]);
  });

  it('refuses an entry that is not an origin, naming the variable', () => {
    expect(() => parseCorsOrigins('https://app.example.com/path')).toThrow(/CORS_ORIGINS/);
  });
});
