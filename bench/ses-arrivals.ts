import type { StoredEmail } from '../local/emulators/ses-store-watch.js';

/** Arrival times of the emails the SES v2 emulator accepted, by recipient. */
export interface SesArrivals {
  /** Recipient address (lower case) → when the emulator stored its email, ms (`nowMs` of `bench/load/http-load.ts`). */
  readonly byRecipient: ReadonlyMap<string, number>;
  /** How many emails arrived so far. */
  count(): number;
  /** Resolves once `count()` reaches `total`, or rejects after `timeoutMs`. */
  waitFor(total: number, timeoutMs: number): Promise<void>;
}

/** Arrivals, and the listener that fills them. */
export interface SesArrivalRecorder {
  readonly arrivals: SesArrivals;
  /** Give it to the local stack's `onEmailStored`. */
  record(email: StoredEmail): void;
}

/**
 * Records when each email reaches the SES v2 emulator, from the stack's `onEmailStored`
 * reports (stamped in the emulator's process with sub-millisecond resolution on the clock
 * every bench process shares, `nowMs`).
 *
 * @returns the arrivals and their listener
 */
export function recordSesArrivals(): SesArrivalRecorder {
  const byRecipient = new Map<string, number>();
  let waiters: { total: number; resolve: () => void }[] = [];
  return {
    arrivals: {
      byRecipient,
      count: () => byRecipient.size,
      waitFor(total, timeoutMs) {
        if (byRecipient.size >= total) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${byRecipient.size} of ${total} emails after ${timeoutMs} ms`)),
            timeoutMs,
          );
          waiters.push({
            total,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
      },
    },
    record(email) {
      for (const to of email.to) byRecipient.set(bareAddress(to), email.at);
      const due = waiters.filter(({ total }) => byRecipient.size >= total);
      waiters = waiters.filter((waiter) => !due.includes(waiter));
      for (const waiter of due) waiter.resolve();
    },
  };
}

function bareAddress(to: string): string {
  return (/<([^>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();
}
