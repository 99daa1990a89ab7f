import { describe, expect, it } from 'vitest';
import { formatAddress } from '../../../functions/send-email/format-address.js';
import { readMailbox } from './mailbox-reader.js';

const encodedWord = /=\?UTF-8\?B\?[A-Za-z0-9+/=]*\?=/g;

describe('formatAddress', () => {
  it('writes the bare address when there is no name', () => {
    // Act
    const mailbox = formatAddress('ann@example.com');

    // Assess
    expect(mailbox).toBe('ann@example.com');
  });

  it('writes the bare address when the name is blank or only control characters', () => {
    // Act
    const mailbox = formatAddress('ann@example.com', ' \r\n\u202e ');

    // Assess
    expect(mailbox).toBe('ann@example.com');
  });

  it('writes a plain ASCII name as it is', () => {
    // Act
    const mailbox = formatAddress('ann@example.com', 'Ann Example');

    // Assess
    expect(mailbox).toBe('Ann Example <ann@example.com>');
  });

  it.each([',', '"', '(', ')', '<', '>', '@', ';', ':', '.', '[', ']', '\\'])(
    'quotes a name holding %s so it stays one display name',
    (special) => {
      // Prepare
      const name = `Ann ${special} Example`;

      // Act
      const mailbox = formatAddress('ann@example.com', name);

      // Assess
      expect(mailbox.startsWith('"')).toBe(true);
      expect(readMailbox(mailbox)).toEqual({ name, address: 'ann@example.com' });
    },
  );

  it('escapes quotes and backslashes inside the quoted-string', () => {
    // Act
    const mailbox = formatAddress('ann@example.com', 'Ann "The \\ Boss" Doe');

    // Assess
    expect(mailbox).toBe('"Ann \\"The \\\\ Boss\\" Doe" <ann@example.com>');
  });

  it('keeps "Bcc:" injected through CR LF inside the display name', () => {
    // Act
    const mailbox = formatAddress('ann@example.com', 'Ann\r\nBcc: eve@example.com');

    // Assess
    expect(mailbox).toBe('"Ann Bcc: eve@example.com" <ann@example.com>');
    expect(readMailbox(mailbox).address).toBe('ann@example.com');
  });

  it('drops bidi overrides and other control characters from the name', () => {
    // Act
    const mailbox = formatAddress('ann@example.com', 'A\u202enn\u0000\u2066 Doe\u0007');

    // Assess
    expect(mailbox).toBe('Ann Doe <ann@example.com>');
  });

  it('MIME-encodes a non-ASCII name as a UTF-8 B encoded-word', () => {
    // Act
    const mailbox = formatAddress('zoe@example.com', 'Zoë');

    // Assess
    expect(mailbox).toBe('=?UTF-8?B?Wm/Dqw==?= <zoe@example.com>');
  });

  it.each([
    'Zoë <b>&amp;',
    'José "Pepe" Núñez, Jr.',
    '山田 太郎',
    'Ἀριστοτέλης',
    '👩‍💻 Dev 🇫🇷',
    'مرحبا',
  ])('reads back %s after encoding', (name) => {
    // Act
    const mailbox = formatAddress('someone@example.com', name);

    // Assess
    expect(readMailbox(mailbox)).toEqual({ name, address: 'someone@example.com' });
  });

  it('encodes an ASCII name that looks like an encoded-word, so clients show it literally', () => {
    // Prepare
    const name = '=?UTF-8?B?QWRtaW4=?=';

    // Act
    const mailbox = formatAddress('ann@example.com', name);

    // Assess
    expect(mailbox).not.toContain(name);
    expect(readMailbox(mailbox).name).toBe(name);
  });

  it('splits a long non-ASCII name into encoded-words of at most 75 characters', () => {
    // Prepare
    const name = `${'é'.repeat(40)}${'😀'.repeat(30)}${'語'.repeat(30)}`;

    // Act
    const mailbox = formatAddress('ann@example.com', name);

    // Assess
    const words = mailbox.match(encodedWord) ?? [];
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(readMailbox(mailbox).name).toBe(name);
  });

  it('never splits a character across encoded-words (RFC 2047 §5)', () => {
    // Prepare: 4-byte characters after one ASCII letter put no word boundary on a 3-byte edge.
    const name = `a${'😀'.repeat(40)}`;

    // Act
    const mailbox = formatAddress('ann@example.com', name);

    // Assess
    for (const word of mailbox.match(encodedWord) ?? []) {
      const bytes = Buffer.from(word.slice(10, -2), 'base64');
      expect(bytes.toString('utf8')).not.toContain('\ufffd');
      expect(Buffer.from(bytes.toString('utf8'), 'utf8')).toEqual(bytes);
    }
  });

  it('writes an internationalized domain as its punycode A-label', () => {
    // Act
    const mailbox = formatAddress('ann@bücher.example', 'Ann');

    // Assess
    expect(mailbox).toBe('Ann <ann@xn--bcher-kva.example>');
  });

  it.each([
    { description: 'a non-ASCII local part', email: 'zoë@example.com' },
    { description: 'a CR LF', email: 'ann@example.com\r\nBcc: eve@example.com' },
    { description: 'a space', email: 'ann smith@example.com' },
    { description: 'an angle bracket', email: 'ann@example.com>' },
    { description: 'a comma', email: 'ann@example.com,eve@example.com' },
    { description: 'no @', email: 'ann.example.com' },
    { description: 'nothing before the @', email: '@example.com' },
    { description: 'a local part that is only a dot', email: '.@example.com' },
    { description: 'a dot ending the local part', email: 'ann.@example.com' },
    { description: 'two dots in a row', email: 'ann..smith@example.com' },
    { description: 'an empty domain label', email: 'ann@example..com' },
  ])('refuses an address with $description, without quoting it', ({ email }) => {
    // Act
    const act = () => formatAddress(email, 'Ann');

    // Assess
    expect(act).toThrow(RangeError);
    expect(act).not.toThrow(email);
  });
});
