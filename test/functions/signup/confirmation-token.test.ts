import { describe, expect, it } from 'vitest';
import {
  signConfirmationToken,
  verifyConfirmationToken,
} from '../../../functions/signup/accounts/confirmation-token.js';

const secret = 'unit-test-secret-0123456789abcdef-xyz';
const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('confirmation tokens', () => {
  it('verifies a token it signed and returns the address and expiry', () => {
    // Prepare
    const token = signConfirmationToken('Ann@example.com', { secret, ttlSeconds: 600, now });

    // Act
    const result = verifyConfirmationToken(token, { secret, now: now + 599_000 });

    // Assess
    expect(result).toEqual({
      ok: true,
      email: 'Ann@example.com',
      expiresAt: new Date(now + 600_000),
    });
  });

  it('makes a URL-safe token', () => {
    // Act
    const token = signConfirmationToken('a+b/c=d@example.com', { secret, ttlSeconds: 3600, now });

    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('lasts its ttlSeconds to the second', () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', { secret, ttlSeconds: 3600, now });

    // Act
    const justBefore = verifyConfirmationToken(token, { secret, now: now + 3_599_000 });
    const atExpiry = verifyConfirmationToken(token, { secret, now: now + 3_600_000 });

    // Assess
    expect(justBefore.ok).toBe(true);
    expect(atExpiry).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports an expired token as expired', () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', { secret, ttlSeconds: 60, now });

    // Act
    const result = verifyConfirmationToken(token, { secret, now: now + 61_000 });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token whose payload was changed to another address', () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', { secret, ttlSeconds: 3600, now });
    const [, mac] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ e: 'eve@example.com', x: now / 1000 + 3600 }),
    ).toString('base64url');

    // Act
    const result = verifyConfirmationToken(`${forgedPayload}.${mac}`, { secret, now });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a token whose MAC was changed', () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', { secret, ttlSeconds: 3600, now });
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.slice(-1);

    // Act
    const result = verifyConfirmationToken(flipped, { secret, now });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a token signed with another secret, even once expired', () => {
    // Prepare
    const token = signConfirmationToken('ann@example.com', {
      secret: `${secret}-other`,
      ttlSeconds: 1,
      now,
    });

    // Act
    const fresh = verifyConfirmationToken(token, { secret, now });
    const stale = verifyConfirmationToken(token, { secret, now: now + 10_000 });

    // Assess
    expect(fresh).toEqual({ ok: false, reason: 'invalid' });
    expect(stale).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['an empty string', ''],
    ['no dot', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['a short MAC', 'eyJlIjoiYUBiLmNvIiwieCI6MX0.AAAA'],
    ['non-base64url characters', 'eyJl+IjoiYUBiLmNvIn0.AAAA/AAA'],
    ['an over-long token', `${'a'.repeat(2000)}.${'b'.repeat(43)}`],
  ])('rejects %s as invalid', (_label, token) => {
    // Act
    const result = verifyConfirmationToken(token, { secret, now });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  });
});
