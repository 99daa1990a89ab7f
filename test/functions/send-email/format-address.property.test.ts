import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, toHeaderText } from '../../../functions/send-email/format-address.js';
import { readMailbox } from './mailbox-reader.js';

// Names a person could type, and the characters an attacker would try.
const hostileCharacter = fc.constantFrom(
  ...'\r\n\t\u0000\u007f\u0085\u2028\u202e\u2066\u200f,;:"\\<>()[]@.=?'.split(''),
  '=?',
  '?=',
);
const nameArbitrary = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(fc.oneof(hostileCharacter, fc.string({ unit: 'grapheme-composite', maxLength: 3 })), {
      maxLength: 40,
    })
    .map((parts) => parts.join('')),
);

const printableAscii = /^[\x20-\x7e]+$/;

describe('formatAddress, for arbitrary names', () => {
  it('writes one line of printable ASCII', () => {
    fc.assert(
      fc.property(nameArbitrary, (name) => {
        // Act
        const mailbox = formatAddress('ann@example.com', name);

        // Assess
        expect(mailbox).toMatch(printableAscii);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back, by independent parsers, as the same address and the header-safe name', () => {
    fc.assert(
      fc.property(nameArbitrary, (name) => {
        // Act
        const mailbox = formatAddress('ann@example.com', name);

        // Assess
        expect(readMailbox(mailbox)).toEqual({
          name: toHeaderText(name),
          address: 'ann@example.com',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reads back as exactly the name when the name was already one clean line', () => {
    fc.assert(
      fc.property(
        nameArbitrary.filter((name) => toHeaderText(name) === name),
        (name) => {
          // Act
          const mailbox = formatAddress('ann@example.com', name);

          // Assess
          expect(readMailbox(mailbox).name).toBe(name);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every encoded-word within 75 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 20, maxLength: 100 }), (name) => {
        // Act
        const mailbox = formatAddress('ann@example.com', name);

        // Assess
        for (const word of mailbox.match(/=\?[^?]*\?B\?[^?]*\?=/g) ?? []) {
          expect(word.length).toBeLessThanOrEqual(75);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('toHeaderText, for arbitrary text', () => {
  it('leaves no control, bidi control or line break, and is stable when applied twice', () => {
    fc.assert(
      fc.property(nameArbitrary, (text) => {
        // Act
        const once = toHeaderText(text);

        // Assess
        expect(once).not.toMatch(
          /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u,
        );
        expect(toHeaderText(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
