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
 * The accounts table's key of a normalized address: all of it in lower case, since nearly
 * every mailbox ignores the local part's case, so `Ann@x.io` and `ann@x.io` are one account.
 */
export function toAccountKey(email: string): string {
  return email.toLowerCase();
}
