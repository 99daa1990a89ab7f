import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { InvalidEmailJobError } from '../commons/errors.js';
import { classifySendError, type SendErrorClass } from './classify-send-error.js';
import { type DeadLetterReason, sendToDeadLetterQueue } from './dead-letter.js';
import { delayRedelivery, type RedeliveryOptions, readReceiveCount } from './delay-redelivery.js';
import { logRecordFailure, redactAddresses } from './log-record-failure.js';
import { recordJobDeadLettered, recordJobRetried } from './worker-metrics.js';

/** Where a failed record is and where it may go. */
export interface FailedRecordContext {
  /** The record that failed. */
  readonly record: SQSRecord;
  /** The job id, once the body was read as a job. */
  readonly jobId: string | undefined;
  /** The record's logger (messageId, jobId). */
  readonly logger: Logger;
  /** URL of the DLQ. */
  readonly dlqUrl: string;
  /** Source queue and backoff, for a retry. */
  readonly redelivery: RedeliveryOptions;
  /**
   * The source queue's redrive maxReceiveCount: on that receive a retryable failure goes to
   * the DLQ with its reason, since SQS's own move would carry none.
   */
  readonly maxReceiveCount: number;
}

/**
 * Decides the fate of a record whose job failed, so that it ends in exactly one email or an
 * explained failure:
 *
 * - An error no retry can fix ({@link classifySendError}: `dead-letter`) sends the message
 *   to the DLQ now, with its reason, and returns: the record counts as handled, and SQS
 *   deletes it from the source queue.
 * - A retryable error on the last receive (`ApproximateReceiveCount` ≥ maxReceiveCount)
 *   does the same, with the reason `retries-exhausted`: the redrive policy would move the
 *   message without saying why.
 * - Any other error, or a DLQ that refuses the message, fails the record (this function
 *   throws): its visibility timeout becomes the backoff delay, and SQS hands it out again
 *   then; the redrive policy stays the safety net for a worker that dies on the last receive.
 *
 * @param error - what processing the record threw
 * @param context - the record, its job id and logger, the DLQ and the backoff
 * @throws the original error, to fail the record (the batch processor lists it in
 *   `batchItemFailures`)
 */
export async function settleFailedRecord(
  error: unknown,
  context: FailedRecordContext,
): Promise<void> {
  const { record, logger } = context;
  const verdict = classifySendError(error);
  logRecordFailure(logger, error, verdict);
  const attemptCount = readReceiveCount(record);

  const retriesExhausted =
    verdict.handling !== 'dead-letter' && attemptCount >= context.maxReceiveCount;
  if (verdict.handling === 'dead-letter' || retriesExhausted) {
    try {
      const reason = describeFailure(error, verdict, context.jobId);
      const deadLetter = retriesExhausted
        ? { ...reason, errorReason: 'retries-exhausted' }
        : reason;
      await sendToDeadLetterQueue(record, deadLetter, context.dlqUrl);
      recordJobDeadLettered(deadLetter.errorReason ?? deadLetter.errorName);
      logger.warn('Moved to the DLQ', {
        errorName: verdict.errorName,
        errorReason: deadLetter.errorReason,
        attemptCount,
        retriesExhausted,
      });
      return;
    } catch (dlqError) {
      logger.error('Sending to the DLQ failed; the record stays in the queue', {
        errorName: verdict.errorName,
        dlqErrorName: dlqError instanceof Error ? dlqError.name : typeof dlqError,
        detail: dlqError instanceof Error ? redactAddresses(dlqError.message) : undefined,
      });
    }
  }

  const delay = await delayRedelivery(record, context.redelivery);
  recordJobRetried();
  if (delay.changed) {
    logger.info('Retry scheduled', { delaySeconds: delay.delaySeconds, attemptCount });
  } else {
    logger.warn('ChangeMessageVisibility failed; the visibility timeout brings the record back', {
      errorName: delay.error instanceof Error ? delay.error.name : typeof delay.error,
      attemptCount,
    });
  }
  throw error;
}

function describeFailure(
  error: unknown,
  verdict: SendErrorClass,
  jobId: string | undefined,
): DeadLetterReason {
  return {
    errorName: verdict.errorName,
    errorMessage: verdict.detail ?? (error instanceof Error ? error.message : String(error)),
    errorReason:
      verdict.reason ?? (error instanceof InvalidEmailJobError ? error.reason : undefined),
    jobId,
  };
}
