import type { SQSRecord } from 'aws-lambda';
import { settings, workerSettingsEnvironment } from '../../../lib/settings.js';

/**
 * The record as SQS delivers it on its `count`-th receive.
 *
 * @param record - a record from `makeSqsRecord`
 * @param count - the `ApproximateReceiveCount` attribute, e.g. `'3'`
 */
export function withReceiveCount(record: SQSRecord, count: string): SQSRecord {
  return { ...record, attributes: { ...record.attributes, ApproximateReceiveCount: count } };
}

/** The environment the worker needs besides the mail settings, as the stacks set it. */
export const workerQueueEnvironment = {
  QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs',
  DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs-dlq',
  IDEMPOTENCY_TABLE: 'email-job-idempotency',
  ...workerSettingsEnvironment({
    queue: settings.queue,
    maxConcurrency: settings.worker.maxConcurrency,
  }),
} as const;

/**
 * Sets {@link workerQueueEnvironment} in `process.env`, with a send rate high enough that
 * pacing does not slow tests about something else (pacing has tests of its own).
 */
export function setWorkerQueueEnvironment(): void {
  Object.assign(process.env, workerQueueEnvironment, { SEND_RATE_PER_SECOND: '1000' });
}
