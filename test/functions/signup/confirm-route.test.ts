import { describe, expect, it } from 'vitest';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { testTokenOptions } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { handler } = prepareSignupHandler();

function makeConfirmEvent(token?: string) {
  return makeHttpApiEvent({
    method: 'GET',
    path: '/confirm',
    ...(token === undefined ? {} : { query: { token } }),
  });
}

describe('GET /confirm', () => {
  it('answers 200 HTML showing the confirmed address, escaped', async () => {
    // Prepare
    const token = signConfirmationToken("o'brien&co@example.com", { ...testTokenOptions });

    // Act
    const result = await handler(makeConfirmEvent(token));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('o&#39;brien&#38;co@example.com');
    expect(result.body).not.toContain("o'brien&co");
  });

  it('keeps the token from leaking through the Referer header or a cache', async () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', { ...testTokenOptions });

    // Act
    const result = await handler(makeConfirmEvent(token));

    // Assess
    expect(result.headers).toMatchObject({
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('answers 400 HTML telling how to get a new link when the token expired', async () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', {
      ...testTokenOptions,
      now: Date.now() - 2 * 3600_000,
    });

    // Act
    const result = await handler(makeConfirmEvent(token));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('expired');
    expect(result.body).toContain('Sign up again to get a new link');
  });

  it.each([
    ['a tampered token', `eyJlIjoiYUBiLmNvIiwieCI6OTk5OTk5OTk5OX0.${'A'.repeat(43)}`],
    ['no token', undefined],
  ])('answers 400 HTML for %s', async (_label, token) => {
    // Act
    const result = await handler(makeConfirmEvent(token));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('not valid');
    expect(result.body).toContain('Sign up again');
  });
});
