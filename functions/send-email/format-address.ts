import { domainToASCII } from 'node:url';
import { toHeaderText } from './header-text.js';

// RFC 5322 §3.2.3 atext and space: a display name made only of these is a phrase of atoms.
const atomsAndSpaces = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;
const printableAscii = /^[\x20-\x7e]*$/;
// RFC 5322 §3.2.3 dot-atom-text local part (atext runs joined by single dots, no dot at
// either end) and a domain of LDH labels: nothing that can end the address or the line, and
// nothing a mail client's parser reads as other than one mailbox.
const asciiAddress =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
/** Bytes of UTF-8 per encoded-word: `=?UTF-8?B?` + 60 base64 characters + `?=` = 72 ≤ 75. */
const maxWordBytes = 45;

/**
 * Writes a mailbox for an address field: `Ann <ann@example.com>`,
 * `"Doe, Ann" <ann@example.com>`, `=?UTF-8?B?Wm/Dqw==?= <zoe@example.com>`, or the bare
 * address when there is no display name.
 *
 * Why: SES builds the To and From header fields from these strings. A name with a comma or
 * `<` would otherwise split into two addresses, a CR or LF would start a new header, and SES
 * refuses a non-ASCII name that is not MIME-encoded ("Illegal address").
 *
 * - The name is first made one line with no control or bidi-override characters
 *   ({@link toHeaderText}).
 * - An ASCII name of atoms and spaces is written as is; one with specials (`,` `"` `(` `<` `@`
 *   `;` `:` `.` ...) as a quoted-string with `\` and `"` escaped (RFC 5322 §3.4 display-name,
 *   §3.2.4 quoted-string).
 * - A name with non-ASCII characters, or one that looks like an encoded-word (`=?`), as
 *   RFC 2047 `B` encoded-words in UTF-8, each at most 75 characters (§2) and holding only
 *   whole characters (§5), separated by spaces, which decoders drop between encoded-words
 *   (§6.2). SES requires this for non-ASCII display names (Amazon SES API v2 Reference,
 *   "Destination"; SES Developer Guide, "Sending raw email using the Amazon SES API").
 * - The domain is converted to its punycode A-label (SES does not support SMTPUTF8); the
 *   local part must be ASCII already (SES does not accept a non-ASCII local part).
 *
 * @param email - the address, normally already normalized by the producer
 * @param name - the display name, if any
 * @returns the mailbox, for `ToAddresses` or `FromEmailAddress`; never holds CR or LF
 * @throws RangeError when the address cannot be written safely (non-ASCII local part,
 *   whitespace, specials, no `@`, a dot at either end of the local part or two in a row);
 *   the message does not quote it
 */
export function formatAddress(email: string, name?: string): string {
  const address = toAsciiAddress(email);
  const displayName = toHeaderText(name ?? '');
  if (displayName === '') return address;
  return `${encodeDisplayName(displayName)} <${address}>`;
}

function toAsciiAddress(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? domainToASCII(email.slice(at + 1)) : '';
  const address = `${email.slice(0, at)}@${domain}`;
  if (domain === '' || !asciiAddress.test(address)) {
    throw new RangeError('The address cannot be written in an address field');
  }
  return address;
}

function encodeDisplayName(name: string): string {
  if (printableAscii.test(name) && !name.includes('=?')) {
    return atomsAndSpaces.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
  }
  return encodeWords(name);
}

/** RFC 2047 `B` encoded-words of whole characters, each within {@link maxWordBytes}. */
function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let chunkBytes = 0;
  const flush = () => {
    words.push(`=?UTF-8?B?${Buffer.concat(chunk).toString('base64')}?=`);
    chunk = [];
    chunkBytes = 0;
  };
  for (const character of text) {
    const bytes = Buffer.from(character, 'utf8');
    if (chunkBytes + bytes.length > maxWordBytes) flush();
    chunk.push(bytes);
    chunkBytes += bytes.length;
  }
  if (chunkBytes > 0) flush();
  return words.join(' ');
}
