import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmailAddress } from '../../../functions/commons/helpers/email-address.js';
import { emailLike } from './email-like.js';

const numRuns = 300;

describe('normalizeEmailAddress', () => {
  it('is idempotent and yields ASCII addresses of at most 254 octets', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), emailLike), (input) => {
        const first = normalizeEmailAddress(input);
        if (!first.ok) return;
        expect(normalizeEmailAddress(first.address)).toEqual(first);
        expect(first.address).toMatch(/^[\x21-\x7e]{3,254}$/);
      }),
      { numRuns },
    );
  });

  it('accepts every address fast-check considers valid (RFC 5322 dot-atom, RFC 1123 domain)', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (input) => {
        expect(normalizeEmailAddress(input).ok).toBe(true);
      }),
      { numRuns },
    );
  });
});

describe('normalizeEmailAddress details', () => {
  it.each([
    ['ann', 'must contain an @ between the local part and the domain'],
    [`${'a'.repeat(65)}@example.com`, 'must have a local part of at most 64 octets'],
    [
      'jöhn@example.com',
      'must have an ASCII local part (non-ASCII characters are not supported before the @)',
    ],
    ['ann@[192.0.2.1]', 'must use a domain name, not an IP address literal'],
    ['ann@localhost', 'must have a domain with a top-level domain, like example.com'],
  ])('explains why %s is refused, without echoing it', (input, detail) => {
    // Act
    const result = normalizeEmailAddress(input);

    // Assess
    expect(result).toEqual({ ok: false, detail });
  });
});
