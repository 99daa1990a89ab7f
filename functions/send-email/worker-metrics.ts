import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { countWithDimension, createMetrics } from '../commons/helpers/metrics.js';
import { metricDimensions, metricNames, serviceNames } from '../commons/metric-names.js';

/**
 * The worker's metrics, one instance per container (names and units: `metric-names.ts`).
 * Stored values are written once per invocation by the handler; counts with a dimension of
 * their own at once.
 */
export const workerMetrics = createMetrics(serviceNames.sendEmail);
const { Count, Milliseconds } = MetricUnit;

/** Records how long rendering a template took, HTML and text, in ms. */
export const recordRenderTime = (ms: number) =>
  workerMetrics.addMetric(metricNames.renderTime, Milliseconds, ms);

/** Records how long one SES `SendEmail` call took, the SDK's retries included, in ms. */
export const recordSesCallTime = (ms: number) =>
  workerMetrics.addMetric(metricNames.sesCallTime, Milliseconds, ms);

/** Records a redelivered job whose idempotency record kept it from a second send. */
export const recordDuplicateSkipped = () =>
  workerMetrics.addMetric(metricNames.duplicatesSkipped, Count, 1);

/** Records a job failed for a retry with backoff. */
export const recordJobRetried = () => workerMetrics.addMetric(metricNames.jobsRetried, Count, 1);

/** Records a job moved to the DLQ, by its `errorReason`, else its `errorName`. */
export const recordJobDeadLettered = (reason: string) =>
  countWithDimension(workerMetrics, metricNames.jobsDeadLettered, [
    metricDimensions.reason,
    reason,
  ]);

/**
 * Records a job SES accepted, and its age since the signup (`createdAt`, ISO 8601): what a
 * person waits for the email, less SES's delivery; a growing age means a backlog.
 *
 * @param now - when SES accepted it, in ms since the epoch
 */
export function recordJobSent(createdAt: string, now: number = Date.now()): void {
  workerMetrics.addMetric(metricNames.jobsSent, Count, 1);
  const ageMs = now - Date.parse(createdAt);
  if (Number.isFinite(ageMs) && ageMs >= 0) {
    workerMetrics.addMetric(metricNames.jobAgeAtSend, Milliseconds, ageMs);
  }
}
