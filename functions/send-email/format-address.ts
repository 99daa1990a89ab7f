/**
 * Writes a mailbox for an address header: `"Ann" <ann@example.com>`, or the bare address
 * when there is no display name.
 *
 * The display name is always an RFC 5322 §3.4 quoted-string, with `\` and `"` escaped
 * (RFC 5322 §3.2.4), so commas, `<>`, `@` and the like cannot split it into two addresses.
 *
 * @param email - the address (ASCII)
 * @param name - the display name, if any
 * @returns the mailbox, for `ToAddresses` or `FromEmailAddress`
 */
export function formatAddress(email: string, name?: string): string {
  const displayName = name?.trim();
  if (!displayName) return email;
  return `"${displayName.replace(/["\\]/g, '\\$&')}" <${email}>`;
}
