/**
 * Checks for deployment choices, run at the top of the stack's constructor so a bad
 * `-c key=value` fails `cdk synth` with the key's name instead of failing a deployment.
 * Each throws an `Error` naming the field and the rule.
 */

// A pragmatic address check (local@domain.tld, no spaces), not the full RFC 5322 grammar:
// SES verifies the identity anyway; this only catches typos before a deployment.
const emailAddressPattern = /^[^\s@<>]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;
// RFC 1035 host names: labels of letters, digits and hyphens, at least one dot.
const domainPattern = /^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;
// `Display Name <address>` (RFC 5322 name-addr) or a bare address.
const mailboxPattern = /^\s*(?:(.*?)\s*<([^<>]+)>|([^<>]+))\s*$/;

/**
 * Extracts the address from a mailbox, `Name <address>` or a bare `address`.
 *
 * @param field - the field's name, for the error message
 * @param mailbox - the mailbox, e.g. `Signup Mailer <no-reply@example.com>`
 * @returns the bare address, lower-cased domain kept as written
 * @throws Error when no valid address is found
 */
export function parseMailboxAddress(field: string, mailbox: string): string {
  const match = mailboxPattern.exec(mailbox);
  const address = (match?.[2] ?? match?.[3] ?? '').trim();
  assertEmailAddress(field, address);
  return address;
}

/** @throws Error unless `value` looks like an email address (`local@domain.tld`). */
export function assertEmailAddress(field: string, value: string): void {
  if (!emailAddressPattern.test(value)) {
    throw new Error(`${field} must be an email address, got "${value}"`);
  }
}

/** @throws Error unless `value` is a domain name such as `example.com`. */
export function assertDomainName(field: string, value: string): void {
  if (!domainPattern.test(value)) {
    throw new Error(`${field} must be a domain name such as example.com, got "${value}"`);
  }
}

/**
 * @throws Error unless `value` is an absolute https URL with no query or fragment
 * (links are built as `${value}/confirm?token=...`).
 */
export function assertBaseUrl(field: string, value: string): void {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
    throw new Error(`${field} must be an https URL without query or fragment, got "${value}"`);
  }
}

/**
 * @throws Error unless `value` is `*` or a serialized origin, `scheme://host[:port]`
 * (RFC 6454 §6.2; what browsers send in the `Origin` header).
 */
export function assertOrigin(field: string, value: string): void {
  if (value === '*') return;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || url.origin !== value || !/^https?:$/.test(url.protocol)) {
    throw new Error(
      `${field} entries must be origins like https://app.example.com, got "${value}"`,
    );
  }
}

/** @throws Error unless `value` is an integer within [min, max]. */
export function assertIntegerInRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${field} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

// Second-level domains and top-level domains reserved for documentation and testing
// (RFC 2606 §2-3; RFC 6761 §6): no one can receive or verify mail there.
const reservedSecondLevelDomains = ['example.com', 'example.net', 'example.org'];
const reservedTopLevelDomains = ['example', 'test', 'invalid', 'localhost'];

/**
 * Whether a domain is reserved for examples, e.g. `example.com` or `mail.acme.test`: SES can
 * never verify it, so a sender there cannot send.
 *
 * @param domain - a domain name, any case
 */
export function isReservedDomain(domain: string): boolean {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const topLevel = name.split('.').pop() ?? '';
  return (
    reservedTopLevelDomains.includes(topLevel) ||
    reservedSecondLevelDomains.some(
      (reserved) => name === reserved || name.endsWith(`.${reserved}`),
    )
  );
}
