import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { readEnv, requiredString } from '../commons/helpers/env.js';
import { logRecordFailure } from './log-record-failure.js';
import { parseEmailJob } from './parse-email-job.js';
import { renderEmail } from './render-email.js';
import { type SendSettings, sendEmailJob } from './send-email-job.js';
import { formatSender } from './sender-address.js';

const env = readEnv(
  z.object({
    MAIL_SENDER: requiredString().transform((value, context) => {
      try {
        return formatSender(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'not an address or "Name <address>"' });
        return z.NEVER;
      }
    }),
    MAIL_SUBJECT_PREFIX: z.string().default('[Signup Mailer] '),
    SES_CONFIGURATION_SET: z.string().trim().optional(),
  }),
);

const sendSettings: SendSettings = {
  sender: env.MAIL_SENDER,
  subjectPrefix: env.MAIL_SUBJECT_PREFIX,
  configurationSet: env.SES_CONFIGURATION_SET || undefined,
};

const logger = new Logger({ serviceName: 'send-email' });
const processor = new BatchProcessor(EventType.SQS);

/**
 * Handles one queue message: parse and validate the job, render its template, send it.
 * Throws for a failed record; the batch processor reports it in `batchItemFailures`, so SQS
 * makes only that message visible again and, after maxReceiveCount, moves it to the DLQ.
 */
async function recordHandler(record: SQSRecord): Promise<void> {
  // A child logger per record: records run in parallel, so keys on the shared logger would mix.
  const recordLogger = logger.createChild({ persistentKeys: { messageId: record.messageId } });
  try {
    const job = parseEmailJob(record.body);
    recordLogger.appendPersistentKeys({ jobId: job.id, template: job.template });
    const email = await renderEmail(job);
    const sesMessageId = await sendEmailJob(job, email, sendSettings);
    recordLogger.info('Email sent', { sesMessageId });
  } catch (error) {
    logRecordFailure(recordLogger, error);
    throw error;
  }
}

/**
 * The SQS-triggered worker (event source mapping with `ReportBatchItemFailures`).
 *
 * `throwOnFullBatchFailure: false`: for SQS a thrown error and a response listing every
 * record have the same effect (every message becomes visible again after the visibility
 * timeout), but throwing would count a batch of one bad message as a function error and
 * put the records' error messages, which can quote addresses, in the runtime's log.
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, {
    context,
    throwOnFullBatchFailure: false,
  });
};
