import { domainToASCII } from 'node:url';

// Characters that end or fold a header line in some client: CR, LF, tab, VT, FF, NEL, U+2028/9.
const lineBreaks = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Other controls, and the bidi embeddings, overrides, isolates and marks that make a subject
// or name display in another order than it is written in.
const invisibleControls = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// A surrogate the `u` flag sees on its own is unpaired: it has no UTF-8 encoding.
const loneSurrogate = /\p{Surrogate}/gu;
// RFC 5322 §3.2.3 atext and space: a display name made only of these is a phrase of atoms.
const atomsAndSpaces = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;
const printableAscii = /^[\x20-\x7e]*$/;
// A dot-atom local part (RFC 5322 §3.2.3) and a domain of LDH labels: nothing that can end the
// address or the line, nothing a client reads as more than one mailbox.
const asciiAddress =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
/** Bytes of UTF-8 per encoded-word: `=?UTF-8?B?` + 60 base64 characters + `?=` = 72 ≤ 75. */
const maxWordBytes = 45;
// `Name <address>` or `"Name" <address>`; anything else is a bare address.
const nameAndAddress = /^(.*?)\s*<([^<>]*)>$/s;

/**
 * Makes text safe for a header field (subject, display name): one line, no control or bidi
 * characters, whitespace runs collapsed, trimmed. Stripped rather than refused: the API
 * refuses such input first, and a job that slipped through still gets a harmless header
 * (RFC 5322 §2.2).
 *
 * @param text - untrusted text, e.g. a name or a subject
 * @returns the text on one line; lone surrogates become U+FFFD; may be empty
 */
export function toHeaderText(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .replace(invisibleControls, '')
    .replace(loneSurrogate, '\ufffd')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Writes a mailbox for an address field: `Ann <ann@example.com>`, `"Doe, Ann" <…>` (RFC 5322
 * §3.4), `=?UTF-8?B?Wm/Dqw==?= <…>` (RFC 2047), or the bare address; the domain as its
 * A-label (SES has no SMTPUTF8). Why: SES builds the To and From fields from these strings; a
 * comma in a name would split the address, a line break start a header, and SES refuses a
 * non-ASCII name that is not encoded.
 *
 * @throws RangeError when the address cannot be written safely; the message does not quote it
 */
export function formatAddress(email: string, name?: string): string {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? domainToASCII(email.slice(at + 1)) : '';
  const address = `${email.slice(0, at)}@${domain}`;
  if (domain === '' || !asciiAddress.test(address)) {
    throw new RangeError('The address cannot be written in an address field');
  }
  const displayName = toHeaderText(name ?? '');
  if (displayName === '') return address;
  if (printableAscii.test(displayName) && !displayName.includes('=?')) {
    const phrase = atomsAndSpaces.test(displayName)
      ? displayName
      : `"${displayName.replace(/["\\]/g, '\\$&')}"`;
    return `${phrase} <${address}>`;
  }
  return `${encodeWords(displayName)} <${address}>`;
}

/**
 * Turns the configured sender (`MAIL_SENDER`: a bare address, `Name <address>` or
 * `"Name" <address>`) into a `FromEmailAddress` SES accepts, through {@link formatAddress}.
 *
 * @throws RangeError when the address part cannot be written in an address field
 */
export function formatSender(value: string): string {
  const match = nameAndAddress.exec(value.trim());
  if (match === null) return formatAddress(value.trim());
  const [, rawName = '', address = ''] = match;
  const quoted = /^"(.*)"$/s.exec(rawName);
  const name = quoted ? (quoted[1] ?? '').replace(/\\(.)/gs, '$1') : rawName;
  return formatAddress(address.trim(), name);
}

/** RFC 2047 `B` encoded-words of whole characters (§5), separated by spaces (§6.2). */
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
