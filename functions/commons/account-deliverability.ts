/**
 * Deliverability of an account in the accounts table (`ACCOUNTS_TABLE`, partition key
 * `emailKey`): the attributes the SES feedback function writes and the send-email worker
 * reads. Defined once here, for both.
 *
 * An account is undeliverable once SES reported a hard bounce (`bounceType: Permanent`) or a
 * complaint for its address: mail to it must stop, or the sender's bounce and complaint
 * rates climb towards the thresholds at which SES reviews or pauses the account (SES
 * Developer Guide, "Sending review process FAQs": 5 % bounces, 0.1 % complaints).
 */

/** Names of the deliverability attributes on an account item. */
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
 * The accounts table's key of an address: the whole normalized address in lower case, the
 * rule of the signup function's account store (`toAccountKey` in
 * `functions/signup/accounts/account-store.ts`): nearly every mailbox ignores the local part's case,
 * so `Ann@x.io` and `ann@x.io` are one account. SES reports the address as it was sent.
 *
 * @param email - a normalized address, e.g. `Ann@example.com`
 * @returns the key, e.g. `ann@example.com`
 */
export function toAccountKey(email: string): string {
  return email.toLowerCase();
}
