import { countByReason, type DeadLetterRow } from '../operations/dead-letters.js';

/** What a chaos run put in, to compare with what came out. */
export interface ChaosInput {
  /** Job id → recipient of every signup the API accepted (202). */
  readonly accepted: ReadonlyMap<string, string>;
  /** Job ids of accepted signups whose recipient SES rejects for good. */
  readonly rejectedJobIds: ReadonlySet<string>;
  /** Bodies put straight on the queue that no worker can send. */
  readonly malformedBodies: ReadonlySet<string>;
}

/** What came out of a chaos run, counted. */
export interface ChaosTally {
  /** Signups the API accepted (202). */
  readonly accepted: number;
  /** Accepted signups that should get an email: all but the rejected. */
  readonly expectedDeliveries: number;
  /** Of those, how many got at least one email. */
  readonly delivered: number;
  /** Emails beyond the first to the same recipient. */
  readonly duplicates: number;
  /** Recipients that got more than one email. */
  readonly duplicatedRecipients: readonly string[];
  /** Expected deliveries with no email and nothing in the DLQ. */
  readonly lost: number;
  /** Emails to a recipient that should get none (rejected, or never signed up). */
  readonly unexpectedEmails: number;
  /** DLQ messages, all copies. */
  readonly inDlq: number;
  /** DLQ messages by reason (error name, or `reached maxReceiveCount`). */
  readonly dlqByReason: readonly [string, number][];
  /** Rejected jobs and malformed bodies not found in the DLQ. */
  readonly missingFromDlq: number;
  /** DLQ messages that are neither a rejected job nor a malformed body. */
  readonly unexpectedInDlq: number;
  /** DLQ messages beyond the first for the same job or body. */
  readonly dlqCopies: number;
}

/**
 * Compares what a chaos run put in with the inbox and the DLQ.
 *
 * @param input - accepted signups, rejected job ids, malformed bodies
 * @param emailCounts - recipient (bare address, lower case) → emails in the inbox
 * @param dlqRows - the DLQ's messages
 * @returns the figures
 */
export function tallyChaos(
  input: ChaosInput,
  emailCounts: ReadonlyMap<string, number>,
  dlqRows: readonly DeadLetterRow[],
): ChaosTally {
  const expectedRecipients = new Map<string, string>();
  for (const [jobId, recipient] of input.accepted) {
    if (!input.rejectedJobIds.has(jobId)) expectedRecipients.set(recipient.toLowerCase(), jobId);
  }
  let delivered = 0;
  let duplicates = 0;
  let unexpectedEmails = 0;
  const duplicatedRecipients: string[] = [];
  for (const [recipient, count] of emailCounts) {
    if (!expectedRecipients.has(recipient)) {
      unexpectedEmails += count;
      continue;
    }
    delivered += 1;
    if (count > 1) {
      duplicates += count - 1;
      duplicatedRecipients.push(recipient);
    }
  }

  const dlqIdentities = new Map<string, number>();
  let unexpectedInDlq = 0;
  for (const row of dlqRows) {
    const identity =
      row.jobId !== undefined && input.rejectedJobIds.has(row.jobId)
        ? `job:${row.jobId}`
        : input.malformedBodies.has(row.body)
          ? `body:${row.body}`
          : undefined;
    if (identity === undefined) unexpectedInDlq += 1;
    else dlqIdentities.set(identity, (dlqIdentities.get(identity) ?? 0) + 1);
  }
  const expectedInDlq = input.rejectedJobIds.size + input.malformedBodies.size;
  const lostJobs = [...expectedRecipients.entries()].filter(
    ([recipient, jobId]) => !emailCounts.has(recipient) && !dlqIdentities.has(`job:${jobId}`),
  );
  return {
    accepted: input.accepted.size,
    expectedDeliveries: expectedRecipients.size,
    delivered,
    duplicates,
    duplicatedRecipients,
    lost: lostJobs.length,
    unexpectedEmails,
    inDlq: dlqRows.length,
    dlqByReason: countByReason(dlqRows),
    missingFromDlq: expectedInDlq - dlqIdentities.size,
    unexpectedInDlq,
    dlqCopies: [...dlqIdentities.values()].reduce((sum, count) => sum + count - 1, 0),
  };
}
