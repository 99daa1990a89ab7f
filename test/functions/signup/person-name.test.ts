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
  ])('accepts %j', (input) => {
    // Act & Assess
    expect(normalizePersonName(input)).toEqual({ ok: true, name: input });
  });
});
