import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sqsClient } from '../commons/clients/sqs.js';

/** Highest visibility timeout SQS accepts, in seconds (12 hours; SQS API Reference, `ChangeMessageVisibility`). */
export const maxVisibilityTimeoutSeconds = 43_200;

/** Exponential backoff of retried jobs, in seconds (see `settings.retry`). */
export interface BackoffSettings {
  /** Ceiling of the delay after the first receive, in seconds. */
  readonly baseDelaySeconds: number;
  /** Highest ceiling, in seconds. */
  readonly maxDelaySeconds: number;
}

/**
 * The delay before a failed message is received again: a random whole number of seconds
 * from 0 to `min(maxDelaySeconds, baseDelaySeconds × 2^(receiveCount − 1))`, both ends
 * included.
 *
 * Why full jitter: when SES throttles, every job of a burst fails at once; a fixed or
 * merely exponential delay would bring them all back together and throttle them again,
 * while a random delay within a growing ceiling spreads them out (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", Marc Brooker, 2015).
 *
 * @param receiveCount - the message's `ApproximateReceiveCount` (1 on the first receive);
 *   anything below 1 or not a number counts as 1
 * @param backoff - base and cap, in seconds
 * @param random - a number in [0, 1); `Math.random` by default, replaceable in tests
 * @returns the delay, in whole seconds, at most {@link maxVisibilityTimeoutSeconds}
 */
export function computeRetryDelaySeconds(
  receiveCount: number,
  backoff: BackoffSettings,
  random: () => number = Math.random,
): number {
  const attempt = Number.isFinite(receiveCount) && receiveCount >= 1 ? Math.floor(receiveCount) : 1;
  const exponential = backoff.baseDelaySeconds * 2 ** (attempt - 1);
  const ceiling = Math.floor(
    Math.min(backoff.maxDelaySeconds, exponential, maxVisibilityTimeoutSeconds),
  );
  return Math.min(ceiling, Math.floor(random() * (ceiling + 1)));
}

/**
 * How many times SQS has handed out this message, from the record's
 * `ApproximateReceiveCount` system attribute; 1 when it is missing or malformed.
 *
 * @param record - the SQS record
 */
export function readReceiveCount(record: SQSRecord): number {
  const count = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return Number.isInteger(count) && count >= 1 ? count : 1;
}

/** Where the message is and how to back off; see {@link delayRedelivery}. */
export interface RedeliveryOptions {
  /** URL of the queue the record came from (`QUEUE_URL`). */
  readonly queueUrl: string;
  /** Base and cap of the delay. */
  readonly backoff: BackoffSettings;
  /** @default Math.random */
  readonly random?: () => number;
}

/** The outcome of {@link delayRedelivery}. */
export type RedeliveryDelay =
  | { readonly changed: true; readonly delaySeconds: number }
  | { readonly changed: false; readonly delaySeconds: number; readonly error: unknown };

/**
 * Sets when a failed message comes back: its visibility timeout becomes the backoff delay
 * for its receive count ({@link computeRetryDelaySeconds}), counted from now.
 *
 * Why: the event source mapping leaves a record listed in `batchItemFailures` invisible for
 * the queue's whole visibility timeout (180 s here), the same for the first retry as for the
 * last. `ChangeMessageVisibility` with the record's receipt handle replaces that timeout for
 * this one message (Amazon SQS Developer Guide, "Visibility timeout"; SQS API Reference,
 * `ChangeMessageVisibility`).
 *
 * Never throws: when the call fails, the queue's visibility timeout still brings the message
 * back, so the failure is returned for the caller to log, and the retry goes on.
 *
 * @param record - the failed SQS record (receipt handle, receive count)
 * @param options - queue URL and backoff
 * @returns the delay chosen, in seconds, and whether SQS accepted it
 */
export async function delayRedelivery(
  record: SQSRecord,
  options: RedeliveryOptions,
): Promise<RedeliveryDelay> {
  const delaySeconds = computeRetryDelaySeconds(
    readReceiveCount(record),
    options.backoff,
    options.random,
  );
  try {
    await sqsClient.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: options.queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: delaySeconds,
      }),
    );
    return { changed: true, delaySeconds };
  } catch (error) {
    return { changed: false, delaySeconds, error };
  }
}
