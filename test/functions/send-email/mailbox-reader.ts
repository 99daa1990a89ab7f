import emailAddresses from 'email-addresses';
import libmime from 'libmime';

/** A mailbox read back by independent parsers: the display name decoded, and the address. */
export interface ReadMailbox {
  readonly name: string;
  readonly address: string;
}

/**
 * Reads a mailbox string the way a mail client would: RFC 5322 parsing by `email-addresses`,
 * then RFC 2047 decoding of the display name by `libmime`. Neither shares code with
 * `formatAddress`, so a round trip through them checks it against other implementations.
 *
 * @param mailbox - e.g. `"Doe, Ann" <ann@example.com>`
 * @returns the name (empty when there is none) and the address
 * @throws Error when the string is not exactly one RFC 5322 mailbox
 */
export function readMailbox(mailbox: string): ReadMailbox {
  const parsed = emailAddresses.parseOneAddress({ input: mailbox, rfc6532: false });
  if (parsed === null || parsed.type !== 'mailbox') {
    throw new Error(`Not one RFC 5322 mailbox: ${JSON.stringify(mailbox)}`);
  }
  return { name: libmime.decodeWords(parsed.name ?? ''), address: parsed.address };
}
