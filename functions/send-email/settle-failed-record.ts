import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { InvalidEmailJobError } from '../commons/errors.js';
import { classifySendError, type SendErrorClass } from './classify-send-error.js';
import { redactMailboxes, sendToDeadLetterQueue } from './dead-letter.js';
import { delayRedelivery, type RedeliveryOptions, readReceiveCount } from './delay-redelivery.js';
import { recordJobDeadLettered, recordJobRetried } from './worker-metrics.js';

/** Where a failed record is and where it may go. */
export interface FailedRecordContext {
  readonly record: SQSRecord;
  /** The job id, once the body was read as a job. */
  readonly jobId: string | undefined;
  /** The recipient's name, once the body was read as a job: masked wherever an error quotes it. */
  readonly recipientName?: string | undefined;
  /** The record's logger (messageId, jobId). */
  readonly logger: Logger;
  readonly dlqUrl: string;
  /** Source queue and backoff, for a retry. */
  readonly redelivery: RedeliveryOptions;
  /** The redrive policy's maxReceiveCount: on that receive a retry goes to the DLQ with its reason. */
  readonly maxReceiveCount: number;
}

/**
 * Decides the fate of a record whose job failed, so that it ends in exactly one email or an
 * explained failure. An error no retry can fix ({@link classifySendError}), or a retryable one
 * on the last receive (`retries-exhausted`: the redrive policy would move the message without
 * a reason), goes to the DLQ now with its reason, and the record counts as handled. Anything
 * else, or a DLQ that refuses the message, fails the record after setting its backoff; the
 * redrive policy stays the safety net for a worker that dies on the last receive.
 *
 * @param error - what processing the record threw
 * @param context - the record, its job id and logger, the DLQ and the backoff
 * @throws the original error, to fail the record (listed in `batchItemFailures`)
 */
export async function settleFailedRecord(
  error: unknown,
  context: FailedRecordContext,
): Promise<void> {
  const { record, logger } = context;
  const verdict = classifySendError(error);
  const redact = (text: string) => redactMailboxes(text, context.recipientName);
  logRecordFailure(logger, error, verdict, redact);
  const attemptCount = readReceiveCount(record);

  const retriesExhausted =
    verdict.handling !== 'dead-letter' && attemptCount >= context.maxReceiveCount;
  if (verdict.handling === 'dead-letter' || retriesExhausted) {
    try {
      const errorReason = retriesExhausted
        ? 'retries-exhausted'
        : (verdict.reason ?? (error instanceof InvalidEmailJobError ? error.reason : undefined));
      await sendToDeadLetterQueue(
        record,
        {
          errorName: verdict.errorName,
          errorMessage: redact(
            verdict.detail ?? (error instanceof Error ? error.message : String(error)),
          ),
          errorReason,
          jobId: context.jobId,
        },
        context.dlqUrl,
      );
      recordJobDeadLettered(errorReason ?? verdict.errorName);
      logger.warn('Moved to the DLQ', {
        errorName: verdict.errorName,
        errorReason,
        attemptCount,
        retriesExhausted,
      });
      return;
    } catch (dlqError) {
      logger.error('Sending to the DLQ failed; the record stays in the queue', {
        errorName: verdict.errorName,
        dlqErrorName: dlqError instanceof Error ? dlqError.name : typeof dlqError,
        detail: dlqError instanceof Error ? redact(dlqError.message) : undefined,
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

/** Logs why a record failed and what is done about it, without the recipient's mailbox. */
function logRecordFailure(
  logger: Logger,
  error: unknown,
  verdict: SendErrorClass,
  redact: (text: string) => string,
): void {
  const handling = { handling: verdict.handling, rule: verdict.rule };
  if (error instanceof InvalidEmailJobError) {
    const { reason, message } = error;
    logger.error('Invalid email job', { reason, detail: redact(message), ...handling });
    return;
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  logger.error('Sending failed', {
    errorName: verdict.errorName,
    httpStatusCode: status?.httpStatusCode,
    detail: error instanceof Error ? redact(verdict.detail ?? error.message) : undefined,
    ...handling,
  });
}
