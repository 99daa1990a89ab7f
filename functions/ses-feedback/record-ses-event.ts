import type { UndeliverableReason } from '../commons/account-deliverability.js';
import { type MarkOutcome, markUndeliverable } from './mark-undeliverable.js';
import type { SesEvent } from './ses-event.js';

/** What an SES event means for the accounts: which addresses to mark, and why. */
export interface UndeliverableFinding {
  readonly reason: UndeliverableReason;
  /** When SES reported it, ISO 8601. */
  readonly reportedAt: string;
  /** The recipients it is about, as SES reports them. */
  readonly recipients: readonly string[];
}

/**
 * Decides whether an SES event makes its recipients undeliverable: a hard bounce
 * (`bounceType: Permanent`: the address does not exist or never accepts mail) or a complaint
 * (the person marked the email as spam) does. A transient or undetermined bounce does not:
 * a full mailbox or a greylisting server may accept the next email, and SES has already
 * retried it (SES Developer Guide, "Amazon SES notification contents": bounce types).
 *
 * @param event - a validated SES event
 * @returns the finding, or undefined when the event leaves the accounts as they are
 */
export function findUndeliverable(event: SesEvent): UndeliverableFinding | undefined {
  if ('bounce' in event && event.bounce.bounceType === 'Permanent') {
    return {
      reason: 'hard-bounce',
      reportedAt: event.bounce.timestamp,
      recipients: event.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  if ('complaint' in event) {
    return {
      reason: 'complaint',
      reportedAt: event.complaint.timestamp,
      recipients: event.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  return undefined;
}

/**
 * Marks every recipient of a finding undeliverable in the accounts table.
 *
 * @param finding - from {@link findUndeliverable}
 * @param tableName - the accounts table
 * @returns one outcome per recipient, in order
 * @throws the SDK's error when a write fails (writes are idempotent; a retry repeats them)
 */
export async function recordUndeliverable(
  finding: UndeliverableFinding,
  tableName: string,
): Promise<MarkOutcome[]> {
  const mark = { reason: finding.reason, reportedAt: finding.reportedAt };
  return Promise.all(
    finding.recipients.map((recipient) => markUndeliverable(recipient, mark, tableName)),
  );
}
