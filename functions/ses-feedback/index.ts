import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { readEnv, requiredString } from '../commons/helpers/env.js';
import { countWithDimension, createMetrics } from '../commons/helpers/metrics.js';
import { metricDimensions, metricNames, serviceNames } from '../commons/metric-names.js';
import { findUndeliverable, markUndeliverable } from './mark-undeliverable.js';
import { parseSesEvent, readJobId, type SesEvent } from './ses-event.js';

// The accounts table whose accounts a hard bounce or complaint marks undeliverable.
const { ACCOUNTS_TABLE: accountsTable } = readEnv(z.object({ ACCOUNTS_TABLE: requiredString() }));
const logger = new Logger({ serviceName: serviceNames.sesFeedback });
const metrics = createMetrics(serviceNames.sesFeedback);

/**
 * The SES feedback function, invoked by an EventBridge rule with the configuration set's
 * sending events: counts every event by type (bounces by bounce type), and marks a
 * hard-bounced or complaining address undeliverable, so the worker sends it nothing more.
 * Logs ids and types (our `job_id` tag among them), never an address nor SES's diagnostic.
 *
 * @throws InvalidSesEventError for an event it cannot read, and the SDK's error when a write
 *   fails: Lambda retries, then sends the event to the function's DLQ
 */
export const handler = async (event: unknown, context: Context): Promise<void> => {
  logger.addContext(context);
  let parsed: ReturnType<typeof parseSesEvent>;
  try {
    parsed = parseSesEvent(event);
  } catch (error) {
    logger.error('Unreadable SES event', { error });
    throw error;
  }
  const { id: eventId, detail } = parsed;
  const eventLogger = logger.createChild({
    persistentKeys: {
      eventId,
      eventType: detail.eventType,
      sesMessageId: detail.mail.messageId,
      jobId: readJobId(detail),
    },
  });
  countEvent(detail);

  const finding = findUndeliverable(detail);
  if (finding === undefined) {
    eventLogger.info('SES event recorded', describeEvent(detail));
    return;
  }
  const outcomes = await markUndeliverable(finding, accountsTable);
  const marked = outcomes.filter(Boolean).length;
  for (let index = 0; index < marked; index += 1) {
    countWithDimension(metrics, metricNames.accountsMarkedUndeliverable, [
      metricDimensions.reason,
      finding.reason,
    ]);
  }
  eventLogger.warn('Recipient marked undeliverable', {
    ...describeEvent(detail),
    reason: finding.reason,
    recipients: outcomes.length,
    marked,
    unchanged: outcomes.length - marked,
  });
};

function countEvent(detail: SesEvent): void {
  countWithDimension(metrics, metricNames.sesEvents, [
    metricDimensions.eventType,
    detail.eventType,
  ]);
  if ('bounce' in detail) {
    countWithDimension(metrics, metricNames.sesBounces, [
      metricDimensions.bounceType,
      detail.bounce.bounceType,
    ]);
  }
}

/** The event's log keys: types and subtypes, no address. */
function describeEvent(detail: SesEvent): Record<string, string | undefined> {
  if ('bounce' in detail) {
    return { bounceType: detail.bounce.bounceType, bounceSubType: detail.bounce.bounceSubType };
  }
  if ('complaint' in detail) {
    return { complaintFeedbackType: detail.complaint.complaintFeedbackType };
  }
  return {};
}
