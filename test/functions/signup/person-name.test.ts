import { describe, expect, it } from 'vitest';
import { normalizePersonName } from '../../../functions/signup/accounts/person-name.js';

// What the person reads when a name is refused: each says what the name holds, and no message
// echoes the name (the input table, input-cases/name-cases.ts, has the accepted names).
describe('normalizePersonName', () => {
  it.each([
    ['Ann\tLee', 'must not contain control characters such as line breaks or tabs'],
    ['Ann\ud83d', 'must be well-formed text: it holds half of a UTF-16 surrogate pair'],
    ['Ann\ufffd', 'must be valid UTF-8: it holds U+FFFD, the stand-in for bytes that were not'],
    ['Ann\ue000', 'must not contain private-use characters or noncharacters'],
    ['An\u200bn', 'must not contain invisible formatting characters (bidirectional or zero-width)'],
    ['x'.repeat(101), 'must be at most 100 characters'],
    ['😀'.repeat(101), 'must be at most 100 characters'],
    ['see www.example', 'must not look like a web or email address'],
    [
      'visit evil.com now',
      'must not look like a web address such as example.com (put a space after a dot)',
    ],
    ['Mrs.Bond', 'must not look like a web address such as example.com (put a space after a dot)'],
    ['Ann 030 1234567', 'must not contain a phone number'],
    ['Ann 555-12-34', 'must not contain a phone number'],
    // Split by what shows as nothing, or written with other separators: the same link or number.
    ['www\u200d.evil\u200d.com', 'must not look like a web or email address'],
    ['www\u034f.evil', 'must not look like a web or email address'],
    [
      'visit evil.c\ufe0fom',
      'must not look like a web address such as example.com (put a space after a dot)',
    ],
    [
      'visit evil.co\u0332m',
      'must not look like a web address such as example.com (put a space after a dot)',
    ],
    ['call 555\u200d123\u200c4567', 'must not contain a phone number'],
    ['call 555\u2212123\u22124567', 'must not contain a phone number'],
    ['call 555_123,4567', 'must not contain a phone number'],
    ['call 555·123·4567', 'must not contain a phone number'],
    ['call 5\u03325\u03325\u033212\u033234567', 'must not contain a phone number'],
  ])('refuses %j: %s', (input, detail) => {
    // Act & Assess
    expect(normalizePersonName(input)).toEqual({ ok: false, detail });
  });

  it.each([
    'J. R. R. Tolkien',
    'Mr.Smith',
    'Mrs. Bond',
    'St. John',
    'Anne-Marie O’Neil',
    '𠮷田',
    'Ann 😀',
    `Ann${'😀'.repeat(97)}`,
    'عبد الله',
    'Henry VIII, born 1491',
    'Louis 14',
    'नमस्\u200dते',
    '👩\u200d👩\u200d👧 Ann',
  ])('accepts %j', (input) => {
    // Act & Assess
    expect(normalizePersonName(input)).toEqual({ ok: true, name: input });
  });
});
