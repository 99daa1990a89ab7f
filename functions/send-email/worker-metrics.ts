import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { countWithDimension, createMetrics } from '../commons/helpers/metrics.js';
import { metricDimensions, metricNames, serviceNames } from '../commons/metric-names.js';

/**
 * The worker's metrics (namespace `SignupMailer`, `service: send-email`), one instance per
 * container. Timings and plain counts are stored and written once per invocation by the
 * handler (`publishMetrics`); counts with a dimension of their own are written at once.
 */
export const workerMetrics = createMetrics(serviceNames.sendEmail);

/**
 * Records how long rendering a template took.
 *
 * @param milliseconds - render time, HTML and text together, in ms
 */
export function recordRenderTime(milliseconds: number): void {
  workerMetrics.addMetric(metricNames.renderTime, MetricUnit.Milliseconds, milliseconds);
}

/**
 * Records how long one SES `SendEmail` call took, the SDK's own retries included.
 *
 * @param milliseconds - call time, in ms
 */
export function recordSesCallTime(milliseconds: number): void {
  workerMetrics.addMetric(metricNames.sesCallTime, MetricUnit.Milliseconds, milliseconds);
}

/**
 * Records a job SES accepted: one `JobsSent`, and its age at send: from the job's
 * `createdAt`, when the signup was accepted, to now. That age is what a person waits for the
 * email, less SES's own delivery time; a growing one means a backlog.
 *
 * @param createdAt - the job's `createdAt`, ISO 8601
 * @param now - the time SES accepted the email, in ms since the epoch
 */
export function recordJobSent(createdAt: string, now: number = Date.now()): void {
  workerMetrics.addMetric(metricNames.jobsSent, MetricUnit.Count, 1);
  const ageMs = now - Date.parse(createdAt);
  if (Number.isFinite(ageMs) && ageMs >= 0) {
    workerMetrics.addMetric(metricNames.jobAgeAtSend, MetricUnit.Milliseconds, ageMs);
  }
}

/** Records a redelivered job whose idempotency record kept it from a second send. */
export function recordDuplicateSkipped(): void {
  workerMetrics.addMetric(metricNames.duplicatesSkipped, MetricUnit.Count, 1);
}

/** Records a job failed for a retry with backoff. */
export function recordJobRetried(): void {
  workerMetrics.addMetric(metricNames.jobsRetried, MetricUnit.Count, 1);
}

/**
 * Records a job moved to the DLQ, by reason.
 *
 * @param reason - the DLQ message's `errorReason` (`invalid-json`, `retries-exhausted`,
 *   `recipient-undeliverable`...), else its `errorName` (`MessageRejected`...)
 */
export function recordJobDeadLettered(reason: string): void {
  countWithDimension(workerMetrics, metricNames.jobsDeadLettered, [
    metricDimensions.reason,
    reason,
  ]);
}
