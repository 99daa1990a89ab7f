import { formatAddress } from './format-address.js';

// `Name <address>` or `"Name" <address>`; anything else is taken as a bare address.
const nameAndAddress = /^(.*?)\s*<([^<>]*)>$/s;

/**
 * Turns the configured sender (`MAIL_SENDER`) into a `FromEmailAddress` SES accepts, once
 * at cold start: `Signup Mailer <no-reply@example.com>` stays as it is, while a name with
 * specials or non-ASCII characters is quoted or MIME-encoded by {@link formatAddress}.
 *
 * @param value - a bare address, `Name <address>` or `"Name" <address>`
 * @returns the formatted mailbox
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
