import pThrottle from 'p-throttle';

/**
 * Runs a send no sooner than the pace allows; resolves or rejects as the send does. Only
 * the start is paced: sends may overlap once started.
 */
export type SendPacer = <T>(send: () => Promise<T>) => Promise<T>;

/**
 * The per-container rate of one worker: the account's SES maximum send rate shared evenly
 * among the most worker invocations the event source mapping runs at once.
 *
 * @param maxSendRatePerSecond - SES's maximum send rate of the account, emails per second
 * @param maxConcurrency - the event source mapping's maximum concurrency
 * @returns emails per second for one container
 */
export function computeContainerSendRate(
  maxSendRatePerSecond: number,
  maxConcurrency: number,
): number {
  return maxSendRatePerSecond / maxConcurrency;
}

/**
 * Creates a pacer that starts at most one send every `1000 / ratePerSecond` ms (rounded up),
 * in the order the sends were asked for.
 *
 * Why even spacing rather than bursts of `rate` per second: SES counts its maximum send
 * rate per second and throttles past it (`TooManyRequestsException`), and a batch of ten
 * records would otherwise send all ten within a few milliseconds. With every container
 * spaced to `maxSendRatePerSecond / maxConcurrency`, the containers together never pass the
 * account's rate (SES Developer Guide, "Managing your Amazon SES sending quotas").
 *
 * With a fractional rate (14 / 3 = 4.67) a one-second window can hold ⌈rate⌉ starts, while
 * the rate over longer spans stays within it.
 *
 * Built on `p-throttle` (strict mode, limit 1), one instance per container: it lives at
 * module scope, so the pace holds across the invocations a warm container serves.
 *
 * @param ratePerSecond - sends per second; any positive number (e.g. 4.67)
 * @returns the pacer
 * @throws RangeError when the rate is not a positive finite number
 */
export function createSendPacer(ratePerSecond: number): SendPacer {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
    throw new RangeError(`The send rate must be a positive number, got ${ratePerSecond}`);
  }
  const throttle = pThrottle({ limit: 1, interval: Math.ceil(1000 / ratePerSecond), strict: true });
  const start = throttle((send: () => Promise<unknown>) => send());
  return <T>(send: () => Promise<T>) => start(send) as Promise<T>;
}
