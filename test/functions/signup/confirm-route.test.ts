import { describe, expect, it } from 'vitest';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { testAppUrl, testTokenOptions } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { handler } = prepareSignupHandler();

function makeConfirmEvent(token?: string, headers: Record<string, string> = {}) {
  return makeHttpApiEvent({
    method: 'GET',
    path: '/confirm',
    headers,
    ...(token === undefined ? {} : { query: { token } }),
  });
}

describe('GET /confirm', () => {
  it('answers 200 HTML with the address, escaped, and one button that posts the token', async () => {
    // Prepare
    const token = signConfirmationToken("o'brien&co@example.com", { ...testTokenOptions });

    // Act
    const result = await handler(makeConfirmEvent(token));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('o&#39;brien&#38;co@example.com');
    expect(result.body).not.toContain("o'brien&co");
    expect(result.body).toContain(`<form method="post" action="${testAppUrl}/confirm">
<input type="hidden" name="token" value="${token}">
<button type="submit">Confirm my email address</button>
</form>`);
    expect(result.body?.match(/<button/g)).toHaveLength(1);
    expect(result.body).not.toContain('<script');
    // The CSP lets the form post to the API, and nothing else.
    expect(result.headers?.['content-security-policy']).toContain(
      `form-action ${new URL(testAppUrl).origin};`,
    );
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

  it('speaks the language the token carries, else the browser’s', async () => {
    // Prepare
    const german = signConfirmationToken('ann@example.com', { ...testTokenOptions, locale: 'de' });
    const unmarked = signConfirmationToken('ann@example.com', { ...testTokenOptions });

    // Act
    const fromToken = await handler(makeConfirmEvent(german, { 'accept-language': 'en' }));
    const fromBrowser = await handler(makeConfirmEvent(unmarked, { 'accept-language': 'de-AT' }));

    // Assess
    for (const result of [fromToken, fromBrowser]) {
      expect(result.body).toContain('<html lang="de">');
      expect(result.body).toContain('<button type="submit">E-Mail-Adresse bestätigen</button>');
    }
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
