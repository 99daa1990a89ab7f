import { describe, expect, it } from 'vitest';
import {
  makeHttpApiEvent,
  makeRestApiEvent,
  makeSignupEvent,
} from '../../factories/api-gateway-events.js';
import { importSignupHandler } from './signup-env.js';
import { mockSignupClients } from './signup-test-setup.js';

// Each test imports the handler with its own CORS_ORIGINS, so only the client stubs are shared.
mockSignupClients();
const appOrigin = 'https://app.example.com';

function makePreflight(origin: string, method = 'POST') {
  return makeHttpApiEvent({
    method: 'OPTIONS',
    path: '/signup',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type',
    },
  });
}

describe('CORS with CORS_ORIGINS listing origins', () => {
  const load = () =>
    importSignupHandler({ CORS_ORIGINS: `${appOrigin}, https://other.example.com/` });

  it('answers a preflight from a listed origin with 204 and the allowed method and headers', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const result = await handler(makePreflight(appOrigin));

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.headers).toMatchObject({
      'access-control-allow-origin': appOrigin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('answers a REST API (1.0) preflight with mixed-case headers the same way', async () => {
    // Prepare
    const { handler } = await load();
    const event = makeRestApiEvent({
      method: 'OPTIONS',
      path: '/signup',
      headers: { Origin: 'https://other.example.com', 'Access-Control-Request-Method': 'POST' },
    });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.headers?.['access-control-allow-origin']).toBe('https://other.example.com');
    expect(result.body).toBe('');
  });

  it('refuses a preflight from another origin with a 403 problem', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const result = await handler(makePreflight('https://evil.example'));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.headers).not.toHaveProperty('access-control-allow-origin');
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      type: 'urn:signup-mailer:problem:origin-not-allowed',
    });
  });

  it('refuses a preflight for a method the path does not answer with a 405 problem', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const result = await handler(makePreflight(appOrigin, 'DELETE'));

    // Assess
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('POST, OPTIONS');
  });

  it('answers a plain OPTIONS with 204 and Allow', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const result = await handler(makeHttpApiEvent({ method: 'OPTIONS', path: '/confirm' }));

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.headers?.allow).toBe('GET, OPTIONS');
  });

  it('lets a listed origin read the 202 and the problems alike', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const queued = await handler(
      makeSignupEvent({ email: 'ann@example.com' }, { origin: appOrigin }),
    );
    const refused = await handler(makeSignupEvent({ email: 'ann@' }, { origin: appOrigin }));

    // Assess
    expect([queued.statusCode, refused.statusCode]).toEqual([202, 400]);
    for (const result of [queued, refused]) {
      expect(result.headers).toMatchObject({
        'access-control-allow-origin': appOrigin,
        vary: 'Origin',
      });
    }
  });

  it('gives another origin no Access-Control-Allow-Origin', async () => {
    // Prepare
    const { handler } = await load();

    // Act
    const result = await handler(
      makeSignupEvent({ email: 'ann@example.com' }, { origin: 'https://evil.example' }),
    );

    // Assess
    expect(result.headers).not.toHaveProperty('access-control-allow-origin');
    expect(result.headers?.vary).toBe('Origin');
  });
});

describe('CORS with CORS_ORIGINS=*', () => {
  it('allows any origin with a wildcard', async () => {
    // Prepare
    const { handler } = await importSignupHandler({ CORS_ORIGINS: '*' });

    // Act
    const result = await handler(makePreflight('https://anyone.example'));

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.headers?.['access-control-allow-origin']).toBe('*');
  });
});

describe('CORS without CORS_ORIGINS', () => {
  it('refuses every preflight and adds no CORS headers', async () => {
    // Prepare
    const { handler } = await importSignupHandler();

    // Act
    const preflight = await handler(makePreflight(appOrigin));
    const signup = await handler(
      makeSignupEvent({ email: 'ann@example.com' }, { origin: appOrigin }),
    );

    // Assess
    expect(preflight.statusCode).toBe(403);
    expect(signup.statusCode).toBe(202);
    expect(signup.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('fails the cold start when CORS_ORIGINS lists something that is not an origin', async () => {
    // Act
    const importing = importSignupHandler({ CORS_ORIGINS: 'https://app.example.com/path' });

    // Assess
    await expect(importing).rejects.toThrow('CORS_ORIGINS is invalid');
  });
});
