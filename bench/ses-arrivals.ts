import { createRequire } from 'node:module';
import { nowMs } from './load/http-load.js';

/** Arrival times of the emails the SES v2 emulator accepted, by recipient. */
export interface SesArrivals {
  /** Recipient address (lower case) → when the emulator stored its email, ms ({@link nowMs}). */
  readonly byRecipient: ReadonlyMap<string, number>;
  /** How many emails arrived so far. */
  count(): number;
  /** Resolves once `count()` reaches `total`, or rejects after `timeoutMs`. */
  waitFor(total: number, timeoutMs: number): Promise<void>;
}

interface EmulatorStore {
  emails: { destination: { to: string[] }; body: { html?: string; text?: string } }[];
}

/**
 * Records, with sub-millisecond resolution, when each email reaches the SES v2 emulator
 * running in this process (`aws-ses-v2-local`, started by the local stack).
 *
 * Why not `GET /store`: the emulator stamps each email with `at` in whole seconds
 * (`Math.floor(Date.now() / 1000)`), too coarse for latencies of milliseconds, and polling a
 * store of thousands of emails would load the process being measured. So this wraps the
 * `push` of the emulator's in-memory store (`dist/store.js`, one module instance per
 * process), which its `SendEmail` route calls once per accepted email. The bodies are
 * dropped from the store, so ten thousand emails do not hold ~150 MB of HTML.
 *
 * @returns the arrivals, filled as emails come
 */
export function recordSesArrivals(): SesArrivals {
  const require = createRequire(import.meta.url);
  const storeModule = require('aws-ses-v2-local/dist/store.js') as {
    getStoreReadonly(): EmulatorStore;
  };
  const store = storeModule.getStoreReadonly();
  const byRecipient = new Map<string, number>();
  let waiters: { total: number; resolve: () => void }[] = [];
  const push = store.emails.push;
  store.emails.push = (...emails) => {
    const at = nowMs();
    for (const email of emails) {
      for (const to of email.destination.to) byRecipient.set(bareAddress(to), at);
      email.body = {};
    }
    const due = waiters.filter(({ total }) => byRecipient.size >= total);
    waiters = waiters.filter((waiter) => !due.includes(waiter));
    for (const waiter of due) waiter.resolve();
    return push.apply(store.emails, emails);
  };
  return {
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
  };
}

function bareAddress(to: string): string {
  return (/<([^>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();
}
