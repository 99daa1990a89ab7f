import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sqsClient } from '../commons/clients/sqs.js';

/** Highest visibility timeout SQS accepts, in seconds (12 hours; SQS API Reference, `ChangeMessageVisibility`). */
export const maxVisibilityTimeoutSeconds = 43_200;

/** Exponential backoff of retried jobs, in seconds. */
export interface BackoffSettings {
  /** Ceiling of the delay after the first receive. */
  readonly baseDelaySeconds: number;
  /** Highest ceiling. */
  readonly maxDelaySeconds: number;
}

/**
 * The delay before a failed message is received again: a random whole number of seconds from
 * 0 to `min(maxDelaySeconds, baseDelaySeconds × 2^(receiveCount − 1))`. Why full jitter: a
 * burst throttled by SES fails at once, and fixed delays would bring it back at once (AWS
 * Architecture Blog, "Exponential Backoff And Jitter").
 *
 * @param receiveCount - `ApproximateReceiveCount` (1 on the first receive); below 1 counts as 1
 * @param backoff - base and cap, in seconds
 * @param random - a number in [0, 1)
 * @returns whole seconds, at most {@link maxVisibilityTimeoutSeconds}
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

/** The record's `ApproximateReceiveCount`; 1 when it is missing or malformed. */
export function readReceiveCount(record: SQSRecord): number {
  const count = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return Number.isInteger(count) && count >= 1 ? count : 1;
}

/** Where the message is and how to back off; see {@link delayRedelivery}. */
export interface RedeliveryOptions {
  /** URL of the queue the record came from (`QUEUE_URL`). */
  readonly queueUrl: string;
  readonly backoff: BackoffSettings;
  /** @default Math.random */
  readonly random?: () => number;
}

/**
 * Sets when a failed message comes back: its visibility timeout becomes the backoff delay for
 * its receive count, counted from now. Why: the event source mapping leaves a failed record
 * invisible for the queue's whole visibility timeout, the same for every retry
 * (SQS Developer Guide, "Visibility timeout").
 *
 * Never throws: when the call fails, the visibility timeout still brings the message back, so
 * the error is returned for the caller to log.
 *
 * @param record - the failed SQS record (receipt handle, receive count)
 * @param options - queue URL and backoff
 */
export async function delayRedelivery(
  record: SQSRecord,
  options: RedeliveryOptions,
): Promise<
  | { readonly changed: true; readonly delaySeconds: number }
  | { readonly changed: false; readonly delaySeconds: number; readonly error: unknown }
> {
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
