import { domainToASCII } from 'node:url';

/** The outcome of {@link normalizeEmailAddress}: the address to send to, or why it was refused. */
export type EmailAddressResult = { ok: true; address: string } | { ok: false; detail: string };

/** Longest local part, in octets (RFC 5321 §4.5.3.1.1). */
export const maxLocalPartOctets = 64;
/** Longest domain, in octets (RFC 5321 §4.5.3.1.2). */
export const maxDomainOctets = 255;
/** Longest address, in octets: a 256-octet forward-path less its angle brackets (RFC 5321 §4.5.3.1.3, RFC 3696 errata 1690). */
export const maxAddressOctets = 254;
/** Longest DNS label, in octets (RFC 1035 §2.3.4). */
const maxLabelOctets = 63;

// RFC 5322 §3.2.3 atext, joined by single dots: a dot-atom.
const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Before IDNA conversion: ASCII letters, digits, '-' and '.', or non-ASCII letters, marks and
// digits, or the ideographic / full-width dots that UTS #46 maps to '.'. Anything else
// (percent signs, '_', zero-width or space characters) would be silently rewritten or dropped
// by `domainToASCII`, turning an address the person did not type into one we send to.
const unicodeDomain = /^[A-Za-z0-9.\-\p{L}\p{M}\p{N}\u3002\uFF0E\uFF61]+$/u;
// RFC 1035 §2.3.1 LDH label (letters, digits, hyphen; not starting or ending with '-').
const ldhLabel = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const asciiOnly = /^[\p{ASCII}]*$/u;

/** Bounds the work done on hostile input before any other rule runs. */
const maxInputChars = 1024;

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Normalizes and validates an email address the way this product sends mail: the one
 * place that decides whether an address is accepted, and what exact string goes to SES.
 *
 * Rules, in order:
 * - Surrounding whitespace is trimmed; any whitespace left inside is refused.
 * - Exactly one `@`, with a non-empty local part and domain.
 * - Local part: an RFC 5322 §3.2.3 dot-atom (no quoted strings, no comments; no leading,
 *   trailing or doubled dots), 7-bit ASCII only because SES does not accept internationalized
 *   local parts (Amazon SES API v2, "Destination" / SendEmail email address requirements),
 *   at most 64 octets (RFC 5321 §4.5.3.1.1). Its case is kept: the local part is case-sensitive
 *   to the receiving server (RFC 5321 §2.4). Plus-addressing (`a+tag@…`) is plain atext and accepted.
 * - Domain: no IP literal (`[…]`); internationalized names are converted to their A-label
 *   (punycode) form with `node:url` `domainToASCII` (UTS #46 / IDNA 2008), which also
 *   lowercases; the result has at least two labels, each 1–63 octets of letters, digits and
 *   hyphens, not starting or ending with `-` (RFC 1035 §2.3.1, RFC 5890); an all-numeric top-level
 *   label is refused (that is an IPv4 address in disguise, e.g. `0x7f.1`); at most 255 octets.
 * - Whole address at most 254 octets (RFC 5321 §4.5.3.1.3 less the angle brackets).
 *
 * @param input - what the person typed
 * @returns `{ ok: true, address }` with the normalized address, or `{ ok: false, detail }`
 *   with a sentence that says what is wrong (never echoing the input, so it is safe to log)
 */
export function normalizeEmailAddress(input: string): EmailAddressResult {
  if (input.length > maxInputChars) return refuse(`is longer than ${maxAddressOctets} octets`);
  const trimmed = input.trim();
  if (trimmed === '') return refuse('must not be empty');
  if (/\s/u.test(trimmed)) return refuse('must not contain whitespace');
  const at = trimmed.lastIndexOf('@');
  if (at === -1) return refuse('must contain an @ between the local part and the domain');
  const localPart = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (localPart === '') return refuse('must have a local part before the @');
  if (domain === '') return refuse('must have a domain after the @');

  const localProblem = checkLocalPart(localPart);
  if (localProblem) return refuse(localProblem);
  const asciiDomain = normalizeDomain(domain);
  if (!asciiDomain.ok) return asciiDomain;

  const address = `${localPart}@${asciiDomain.domain}`;
  if (octets(address) > maxAddressOctets) {
    return refuse(`is longer than ${maxAddressOctets} octets`);
  }
  return { ok: true, address };
}

function refuse(detail: string): { ok: false; detail: string } {
  return { ok: false, detail };
}

function checkLocalPart(localPart: string): string | undefined {
  if (localPart.includes('@')) return 'must contain exactly one @';
  if (localPart.startsWith('"')) return 'must not use a quoted local part';
  if (!asciiOnly.test(localPart)) {
    return 'must have an ASCII local part (non-ASCII characters are not supported before the @)';
  }
  if (octets(localPart) > maxLocalPartOctets) {
    return `must have a local part of at most ${maxLocalPartOctets} octets`;
  }
  if (localPart.startsWith('.') || localPart.endsWith('.')) {
    return 'must not start or end the local part with a dot';
  }
  if (localPart.includes('..')) return 'must not contain two dots in a row';
  if (!dotAtom.test(localPart)) return 'contains a character that is not allowed before the @';
  return undefined;
}

/** Converts the domain to its lowercase A-label form, or says why it is refused. */
function normalizeDomain(
  domain: string,
): { ok: true; domain: string } | { ok: false; detail: string } {
  if (domain.startsWith('[')) return refuse('must use a domain name, not an IP address literal');
  if (domain.length > maxDomainOctets)
    return refuse(`must have a domain of at most ${maxDomainOctets} octets`);
  if (!unicodeDomain.test(domain))
    return refuse('contains a character that is not allowed in a domain');
  const ascii = domainToASCII(domain);
  if (ascii === '') return refuse('must have a valid domain name');
  if (octets(ascii) > maxDomainOctets)
    return refuse(`must have a domain of at most ${maxDomainOctets} octets`);
  const labels = ascii.split('.');
  if (labels.length < 2)
    return refuse('must have a domain with a top-level domain, like example.com');
  for (const label of labels) {
    if (label === '')
      return refuse(
        'must not have an empty label (two dots, or a dot at the start or end) in the domain',
      );
    if (label.length > maxLabelOctets)
      return refuse(`must not have a domain label longer than ${maxLabelOctets} octets`);
    if (label.startsWith('-') || label.endsWith('-'))
      return refuse('must not start or end a domain label with a hyphen');
    if (!ldhLabel.test(label))
      return refuse('contains a character that is not allowed in a domain');
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) {
    return refuse('must use a domain name, not an IP address');
  }
  return { ok: true, domain: ascii };
}
