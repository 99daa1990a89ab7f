import type { FaultSettings } from '../faults/fault-settings.js';
import { type LocalStack, startLocalStack } from '../stack.js';

/**
 * The fault mix of each chaos scenario (fractions of calls or sends), shared by
 * `npm run chaos` and the chaos test.
 *
 * - `after-record`: 10% SES throttling, 2% SES 5xx, 1% rejected recipients, 2% worker kills
 *   after the send is recorded. Expect no duplicate, nothing lost.
 * - `residual-window`: the same, but the kills fall between SES accepting an email and the
 *   record (1% of sends). Each such kill may cause one duplicate: the guarantee's limit.
 */
export const chaosScenarios = {
  'after-record': {
    sesThrottle: 0.1,
    sesServerError: 0.02,
    sesReject: 0.01,
    killAfterRecord: 0.02,
  },
  'residual-window': {
    sesThrottle: 0.1,
    sesServerError: 0.02,
    sesReject: 0.01,
    killInResidualWindow: 0.01,
  },
} satisfies Record<string, Partial<FaultSettings>>;

/** A chaos scenario's name. */
export type ChaosScenario = keyof typeof chaosScenarios;

/**
 * Starts the local stack as a chaos run needs it: free ports, the worker in killable
 * containers, and settings that drain fast. The worker timeout (10 s) is one a loaded
 * machine never hits, so the only kills are the scenario's own (a timed-out container dies
 * wherever it is, possibly in the residual window); visibility timeout 11 s and backoff of
 * 1–2 s let the queue drain in minutes. Sets `POWERTOOLS_LOG_LEVEL=ERROR` (the caller
 * restores it if it must).
 *
 * @param faults - the resolved fault settings, seed included
 * @returns the running stack; the caller stops it
 * @throws whatever {@link startLocalStack} throws
 */
export function startChaosStack(faults: FaultSettings): Promise<LocalStack> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  return startLocalStack({
    apiPort: 0,
    sesPort: 0,
    sqsPort: 0,
    waitTimeSeconds: 1,
    queue: { visibilityTimeoutSeconds: 11, maxReceiveCount: 5 },
    worker: { timeoutSeconds: 10, maxConcurrency: 2 },
    retry: { baseDelaySeconds: 1, maxDelaySeconds: 2 },
    sendRatePerSecond: 500,
    // Hundreds of signups from 127.0.0.1: the per-client limit would refuse all but ten.
    signupLimitPerClient: 0,
    faults,
    workerIsolation: 'process',
    workerOutput: 'ignore',
    logger: { info: () => {}, error: () => {} },
  });
}
