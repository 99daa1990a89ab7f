import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { publishMetrics } from '../commons/helpers/metrics.js';
import { serviceNames } from '../commons/metric-names.js';
import { assertRecipientDeliverable } from './assert-recipient-deliverable.js';
import { readWorkerConfig } from './config.js';
import { parseEmailJob } from './parse-email-job.js';
import { renderEmail } from './render-email.js';
import {
  createIdempotencyConfig,
  createIdempotencyStore,
  createSendEmailJobOnce,
  createSendPacer,
  type DeliveryOutcome,
} from './send-email-once.js';
import { settleFailedRecord } from './settle-failed-record.js';
import {
  recordDuplicateSkipped,
  recordJobSent,
  recordRenderTime,
  workerMetrics,
} from './worker-metrics.js';

const config = readWorkerConfig();
const logger = new Logger({ serviceName: serviceNames.sendEmail });
const processor = new BatchProcessor(EventType.SQS);
const idempotencyConfig = createIdempotencyConfig(config.idempotencyExpiresAfterSeconds);
// Module scope: one pacer and one idempotency store per container, kept across invocations.
const sendEmailJobOnce = createSendEmailJobOnce({
  persistenceStore: createIdempotencyStore(config.idempotencyTable),
  config: idempotencyConfig,
  pace: createSendPacer(config.sendRatePerSecond),
  settings: config,
});

/**
 * Handles one queue message: parse the job, check its recipient, render, send unless sent
 * before. A failure goes to {@link settleFailedRecord}: to the DLQ, or thrown for a retry.
 */
async function recordHandler(record: SQSRecord): Promise<void> {
  // A child logger per record: records run in parallel, so keys on the shared logger would mix.
  const recordLogger = logger.createChild({ persistentKeys: { messageId: record.messageId } });
  let jobId: string | undefined;
  let recipientName: string | undefined;
  try {
    const job = parseEmailJob(record.body);
    jobId = job.id;
    recipientName = job.to.name;
    recordLogger.appendPersistentKeys({ jobId: job.id, template: job.template });
    await assertRecipientDeliverable(job, config.accountsTable);
    const renderStarted = performance.now();
    const email = await renderEmail(job);
    recordRenderTime(performance.now() - renderStarted);
    const outcome = await sendEmailJobOnce(job, email);
    if (outcome.status === 'already-sent') recordDuplicateSkipped();
    else recordJobSent(job.createdAt);
    logDelivery(recordLogger, outcome);
  } catch (error) {
    await settleFailedRecord(error, {
      record,
      jobId,
      recipientName,
      logger: recordLogger,
      dlqUrl: config.dlqUrl,
      redelivery: { queueUrl: config.queueUrl, backoff: config.backoff },
      maxReceiveCount: config.maxReceiveCount,
    });
  }
}

function logDelivery(recordLogger: Logger, outcome: DeliveryOutcome): void {
  const { sesMessageId } = outcome;
  if (outcome.status === 'sent') recordLogger.info('Email sent', { sesMessageId });
  else if (outcome.status === 'already-sent') {
    recordLogger.info('Email already sent; a redelivery sends nothing', { sesMessageId });
  } else {
    const { recordError } = outcome;
    recordLogger.warn('Email sent, but its idempotency record was not saved', {
      sesMessageId,
      errorName: recordError instanceof Error ? recordError.name : typeof recordError,
    });
  }
}

/**
 * The SQS-triggered worker (event source mapping with `ReportBatchItemFailures`). Records run
 * in parallel, each through the container's pacer, so renders and SES round trips overlap
 * while SES calls start no faster than `SEND_RATE_PER_SECOND`.
 *
 * `throwOnFullBatchFailure: false`: a response listing every record does what a throw does
 * for SQS, without counting a function error or logging error messages that may quote
 * addresses.
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  // IN_PROGRESS idempotency records expire with this invocation, so a crash does not block a retry.
  idempotencyConfig.registerLambdaContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  } finally {
    publishMetrics(workerMetrics);
  }
};
