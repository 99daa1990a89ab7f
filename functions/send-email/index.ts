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
  settings: {
    sender: config.sender,
    subjectPrefix: config.subjectPrefix,
    configurationSet: config.configurationSet,
  },
});

/**
 * Handles one queue message: parse and validate the job, check that its recipient is not
 * marked undeliverable, render its template, send it unless it was sent before. A failure goes to {@link settleFailedRecord}, which sends a
 * hopeless job to the DLQ at once (the record then counts as handled) or throws, so the
 * batch processor reports the record in `batchItemFailures` and SQS retries it after a
 * backoff delay.
 */
async function recordHandler(record: SQSRecord): Promise<void> {
  // A child logger per record: records run in parallel, so keys on the shared logger would mix.
  const recordLogger = logger.createChild({ persistentKeys: { messageId: record.messageId } });
  let jobId: string | undefined;
  try {
    const job = parseEmailJob(record.body);
    jobId = job.id;
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
 * The SQS-triggered worker (event source mapping with `ReportBatchItemFailures`).
 *
 * Records run in parallel (the batch processor's default), each through the container's
 * send pacer: rendering and the SES round trips overlap, while SES calls still start no
 * faster than `SEND_RATE_PER_SECOND`. Sequential records would add each render and round
 * trip to the pacing interval and fall short of the rate SES allows.
 *
 * `throwOnFullBatchFailure: false`: for SQS a thrown error and a response listing every
 * record have the same effect (every message becomes visible again), but throwing would
 * count a batch of one bad message as a function error and put the records' error
 * messages, which can quote addresses, in the runtime's log.
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
