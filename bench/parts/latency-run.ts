import type { RequestSample } from '../load/http-load.js';
import type { SesArrivals } from '../ses-arrivals.js';
import { quantile } from '../stats.js';

/** One run of load against one endpoint, reduced to its figures. */
export interface LatencyRun {
  /** Requests sent. */
  readonly requests: number;
  /** Requests answered with another status than expected, or not at all. */
  readonly errors: number;
  /** Requests per second actually sent (scheduled span). */
  readonly sentPerSecond: number;
  /** Latency from when each request was due to its response, in ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** From when each request was due to its email reaching the SES emulator, in ms. */
  readonly endToEndP50Ms: number;
  readonly endToEndP99Ms: number;
  /** Accepted requests whose email never reached the emulator within the wait. */
  readonly undelivered: number;
}

/**
 * Reduces one run's samples: request latency over every request (an error counts with the
 * time it took to fail), end-to-end latency over the accepted requests whose email arrived.
 *
 * @param samples - the generator's samples, index `i` for recipient `<prefix><i>@example.com`
 * @param options - the status that means success, the recipients' prefix and the arrivals
 */
export function reduceLatencyRun(
  samples: readonly RequestSample[],
  options: { expectedStatus: number; emailPrefix: string; arrivals: SesArrivals },
): LatencyRun {
  const latencies = samples.map(([scheduledAt, completedAt]) => completedAt - scheduledAt);
  const endToEnd: number[] = [];
  let errors = 0;
  let undelivered = 0;
  samples.forEach(([scheduledAt, , status], index) => {
    if (status !== options.expectedStatus) {
      errors += 1;
      return;
    }
    const arrivedAt = options.arrivals.byRecipient.get(
      `${options.emailPrefix}${index}@example.com`.toLowerCase(),
    );
    if (arrivedAt === undefined) undelivered += 1;
    else endToEnd.push(arrivedAt - scheduledAt);
  });
  const first = samples[0]?.[0] ?? 0;
  const last = samples.at(-1)?.[0] ?? first;
  return {
    requests: samples.length,
    errors,
    sentPerSecond: samples.length > 1 ? ((samples.length - 1) * 1000) / (last - first) : 0,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.length === 0 ? Number.NaN : Math.max(...latencies),
    endToEndP50Ms: quantile(endToEnd, 0.5),
    endToEndP99Ms: quantile(endToEnd, 0.99),
    undelivered,
  };
}
