/**
 * The deliverability attributes of an account item, written by the SES feedback function and
 * read by the worker and the signup function. An account is undeliverable once SES reported a
 * hard bounce or a complaint: mail to it must stop, or the bounce and complaint rates climb to
 * where SES reviews or pauses the account (SES Developer Guide, "Sending review process FAQs").
 */
export const deliverabilityAttributes = {
  /** `undeliverable` once marked; absent while mail may be sent. */
  deliverability: 'deliverability',
  /** Why: {@link UndeliverableReason}. */
  reason: 'undeliverableReason',
  /** When SES reported it, ISO 8601 UTC (the bounce's or complaint's timestamp). */
  at: 'undeliverableAt',
} as const;

/** The value of the `deliverability` attribute of an account no mail may go to. */
export const undeliverable = 'undeliverable';

/** Why an account is undeliverable. */
export type UndeliverableReason = 'hard-bounce' | 'complaint';

/**
 * The accounts table's key of a normalized address: its mailbox, so one person has one account
 * and one cooldown however the address is written. The whole address in lower case (nearly
 * every mailbox ignores the local part's case), less a `+tag` (subaddressing, RFC 5233: the
 * local part up to its first `+`, unless it starts with one): `Ann+news@x.io` → `ann@x.io`.
 * No provider's own rules (Gmail's dots): they hold at one provider and not at the next.
 * The signup, the confirmation, the SES feedback and the worker all key accounts with it.
 */
export function toAccountKey(email: string): string {
  const at = email.lastIndexOf('@');
  const plus = email.indexOf('+');
  return `${email.slice(0, plus > 0 && plus < at ? plus : at)}${email.slice(at)}`.toLowerCase();
}
