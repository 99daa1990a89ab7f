import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { countWithDimension, createMetrics } from '../commons/helpers/metrics.js';
import { metricDimensions, metricNames, serviceNames } from '../commons/metric-names.js';

/**
 * The worker's metrics, one instance per container (names and units: `metric-names.ts`).
 * Stored values are written once per invocation by the handler; counts with a dimension of
 * their own at once.
 */
export const workerMetrics = createMetrics(serviceNames.sendEmail);

/** Records how long rendering a template took, HTML and text, in ms. */
export function recordRenderTime(milliseconds: number): void {
  workerMetrics.addMetric(metricNames.renderTime, MetricUnit.Milliseconds, milliseconds);
}

/** Records how long one SES `SendEmail` call took, the SDK's retries included, in ms. */
export function recordSesCallTime(milliseconds: number): void {
  workerMetrics.addMetric(metricNames.sesCallTime, MetricUnit.Milliseconds, milliseconds);
}

/**
 * Records a job SES accepted, and its age since the signup (`createdAt`): what a person waits
 * for the email, less SES's delivery; a growing age means a backlog.
 *
 * @param createdAt - the job's `createdAt`, ISO 8601
 * @param now - when SES accepted it, in ms since the epoch
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
 * @param reason - the DLQ message's `errorReason`, else its `errorName`
 */
export function recordJobDeadLettered(reason: string): void {
  countWithDimension(workerMetrics, metricNames.jobsDeadLettered, [
    metricDimensions.reason,
    reason,
  ]);
}
