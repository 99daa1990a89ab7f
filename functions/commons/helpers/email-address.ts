import { domainToASCII } from 'node:url';

/** The outcome of {@link normalizeEmailAddress}: the address to send to, or why it was refused. */
export type EmailAddressResult = { ok: true; address: string } | { ok: false; detail: string };

// Longest local part, domain and address in octets (RFC 5321 §4.5.3.1; the address is a
// 256-octet forward-path less its brackets, RFC 3696 errata 1690) and DNS label (RFC 1035).
const maxLocalPartOctets = 64;
const maxDomainOctets = 255;
const maxAddressOctets = 254;
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
// Bounds the work done on hostile input before any other rule runs.
const maxInputChars = 1024;
// Special-use domain names where no mail can be delivered (RFC 6761 §6.3-6.4, loopback and
// never-existing; RFC 6762, multicast DNS; RFC 7686, Tor; RFC 9476, alternative namespaces;
// RFC 3172, `.arpa` is infrastructure: reverse DNS, home.arpa, ipv4only.arpa). SES takes such an
// address and it bounces, counting toward the account's bounce rate.
const noMailDomains = ['localhost', 'invalid', 'local', 'onion', 'alt', 'arpa'];
// Reserved for documentation and tests (RFC 2606 §2-3, RFC 6761 §6.2 and §6.5): no one
// receives mail there either, but the local stack's quick start, tests and demo mail them.
const exampleDomains = ['example', 'test', 'example.com', 'example.net', 'example.org'];

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Normalizes and validates an email address: the one place that decides whether an address
 * is accepted, and what exact string goes to SES. The local part is an ASCII dot-atom (RFC
 * 5322 §3.2.3; SES takes no internationalized local part) in its typed case (RFC 5321 §2.4);
 * the domain becomes its lower-case A-label (UTS #46), of LDH labels (RFC 1035 §2.3.1), with
 * no IP literal and no all-numeric top-level label (an IPv4 address in disguise, `0x7f.1`),
 * and not in a special-use domain ({@link findSpecialUseDomain}): those reserved for examples
 * (`example.com`, `.test`…) only where `ALLOW_EXAMPLE_RECIPIENTS` is `true`, as the local stack
 * sets it (read at each call, so a command can set it for the stack it targets).
 *
 * @param input - what the person typed; surrounding whitespace is trimmed
 * @returns the normalized address, or a `detail` that never echoes the input (safe to log)
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

  const specialUse = findSpecialUseDomain(asciiDomain.domain);
  if (specialUse?.forExamples === false) {
    return refuse(`must not be in ${specialUse.name}, a special-use domain that receives no email`);
  }
  if (specialUse !== undefined && process.env.ALLOW_EXAMPLE_RECIPIENTS !== 'true') {
    return refuse(`must not be in ${specialUse.name}, a domain reserved for examples`);
  }
  const address = `${localPart}@${asciiDomain.domain}`;
  if (octets(address) > maxAddressOctets) {
    return refuse(`is longer than ${maxAddressOctets} octets`);
  }
  return { ok: true, address };
}

/**
 * Finds the special-use domain (RFC 6761) a domain is or is under, e.g. `example.com` for
 * `mail.example.com`, `.onion` for `abc.onion`: no one receives email there.
 *
 * @param domain - a domain name as A-labels, any case, with or without the root's dot
 * @returns its name as people write it (`example.com`, `.test`), and whether it is reserved for
 *   examples and tests rather than for a use that carries no email; undefined for any other
 */
export function findSpecialUseDomain(
  domain: string,
): { name: string; forExamples: boolean } | undefined {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const within = (special: string) => name === special || name.endsWith(`.${special}`);
  const shown = (special: string) => (special.includes('.') ? special : `.${special}`);
  const example = exampleDomains.find(within);
  if (example !== undefined) return { name: shown(example), forExamples: true };
  const noMail = noMailDomains.find(within);
  return noMail === undefined ? undefined : { name: shown(noMail), forExamples: false };
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
