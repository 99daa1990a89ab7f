import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findSpecialUseDomain,
  normalizeEmailAddress,
} from '../../../functions/commons/helpers/email-address.js';
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
    const inSpecialUseDomain = (address: string) =>
      findSpecialUseDomain(address.slice(address.lastIndexOf('@') + 1))?.forExamples === false;
    fc.assert(
      fc.property(
        fc.emailAddress().filter((input) => !inSpecialUseDomain(input)),
        (input) => {
          expect(normalizeEmailAddress(input).ok).toBe(true);
        },
      ),
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

describe('normalizeEmailAddress in special-use domains (RFC 6761)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['x@foo.localhost', '.localhost'],
    ['x@foo.invalid', '.invalid'],
    ['x@printer.local', '.local'],
    ['x@duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion', '.onion'],
    ['x@nas.home.arpa', '.arpa'],
    ['x@ipv4only.arpa', '.arpa'],
    ['x@4.3.2.1.in-addr.arpa', '.arpa'],
    ['x@foo.alt', '.alt'],
    ['x@FOO.LocalHost', '.localhost'],
  ])(
    'refuses %s, where no email can be delivered, even where example domains are allowed',
    (input, name) => {
      // Act
      const result = normalizeEmailAddress(input);

      // Assess
      expect(result).toEqual({
        ok: false,
        detail: `must not be in ${name}, a special-use domain that receives no email`,
      });
    },
  );

  it.each([
    ['ann@example.com', 'example.com'],
    ['ann@mail.example.net', 'example.net'],
    ['ann@EXAMPLE.ORG', 'example.org'],
    ['ann@shop.example', '.example'],
    ['ann@acme.test', '.test'],
  ])(
    'refuses %s, reserved for examples, unless ALLOW_EXAMPLE_RECIPIENTS is true',
    (input, name) => {
      // Prepare
      vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', 'false');

      // Act
      const refused = normalizeEmailAddress(input);
      vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', 'true');
      const allowed = normalizeEmailAddress(input);

      // Assess
      expect(refused).toEqual({
        ok: false,
        detail: `must not be in ${name}, a domain reserved for examples`,
      });
      expect(allowed).toEqual({ ok: true, address: input.toLowerCase() });
    },
  );

  it('refuses example domains where ALLOW_EXAMPLE_RECIPIENTS is unset, as in a deployed stack', () => {
    // Prepare
    vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', undefined);

    // Act, Assess
    expect(normalizeEmailAddress('ann@example.com').ok).toBe(false);
  });

  it.each([
    'ann@example.co',
    'ann@myexample.com',
    'ann@test.com',
    'ann@local.dev',
    'ann@onion.news',
    'ann@localhost.de',
    'ann@example.com.au',
  ])('accepts %s, a real domain that only looks like a special-use one', (input) => {
    // Prepare
    vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', undefined);

    // Act, Assess
    expect(normalizeEmailAddress(input)).toEqual({ ok: true, address: input });
  });
});
