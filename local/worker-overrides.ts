import type { RetrySettings } from '../lib/settings.js';

/** Local changes to how the worker retries and paces, e.g. to drain fast in tests. */
export interface WorkerOverrides {
  /** Backoff of retried jobs, in seconds (`settings.retry` otherwise). */
  readonly retry?: Partial<RetrySettings>;
  /** SES sends per second per container (`settings.ses` / maxConcurrency otherwise). */
  readonly sendRatePerSecond?: number;
  /** The queue's maxReceiveCount, when the local queue overrides it: the worker's last try. */
  readonly maxReceiveCount?: number;
}

/**
 * The worker's own variables for the overrides (`RETRY_BASE_DELAY_SECONDS`,
 * `RETRY_MAX_DELAY_SECONDS`, `SEND_RATE_PER_SECOND`, `MAX_RECEIVE_COUNT`); an override left
 * out sets nothing,
 * so the worker's default from `lib/settings.ts` holds.
 *
 * @param overrides - the overrides
 * @returns variables to merge into the handlers' environment
 */
export function toWorkerOverrideEnvironment(overrides: WorkerOverrides): Record<string, string> {
  const environment: Record<string, string> = {};
  const { retry = {}, sendRatePerSecond, maxReceiveCount } = overrides;
  if (retry.baseDelaySeconds !== undefined) {
    environment.RETRY_BASE_DELAY_SECONDS = String(retry.baseDelaySeconds);
  }
  if (retry.maxDelaySeconds !== undefined) {
    environment.RETRY_MAX_DELAY_SECONDS = String(retry.maxDelaySeconds);
  }
  if (sendRatePerSecond !== undefined) {
    environment.SEND_RATE_PER_SECOND = String(sendRatePerSecond);
  }
  if (maxReceiveCount !== undefined) environment.MAX_RECEIVE_COUNT = String(maxReceiveCount);
  return environment;
}
