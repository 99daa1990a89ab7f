import type { RetrySettings } from '../../lib/settings.js';

/** Local changes to how the worker retries and paces, e.g. to drain fast in tests. */
export interface WorkerOverrides {
  /** Backoff of retried jobs, in seconds (`settings.retry` otherwise). */
  readonly retry?: Partial<RetrySettings>;
  /** SES sends per second per container (`settings.ses` / maxConcurrency otherwise). */
  readonly sendRatePerSecond?: number;
}

/**
 * The worker's own variables for the overrides (`RETRY_BASE_DELAY_SECONDS`,
 * `RETRY_MAX_DELAY_SECONDS`, `SEND_RATE_PER_SECOND`); an override left out sets nothing, so
 * the value from `lib/settings.ts` holds.
 *
 * @param overrides - the overrides
 * @returns variables to merge into the handlers' environment
 */
export function toWorkerOverrideEnvironment(overrides: WorkerOverrides): Record<string, string> {
  const environment: Record<string, string> = {};
  const { retry = {}, sendRatePerSecond } = overrides;
  if (retry.baseDelaySeconds !== undefined) {
    environment.RETRY_BASE_DELAY_SECONDS = String(retry.baseDelaySeconds);
  }
  if (retry.maxDelaySeconds !== undefined) {
    environment.RETRY_MAX_DELAY_SECONDS = String(retry.maxDelaySeconds);
  }
  if (sendRatePerSecond !== undefined) {
    environment.SEND_RATE_PER_SECOND = String(sendRatePerSecond);
  }
  return environment;
}
