import { createRequire } from 'node:module';

/** One email the SES v2 emulator stored. */
export interface StoredEmail {
  /** The recipients, as sent (`Name <address>` or a bare address). */
  readonly to: readonly string[];
  /** When the emulator stored it, in ms since the epoch with sub-ms resolution (monotonic clock). */
  readonly at: number;
}

/** Options of {@link watchSesStore}. */
export interface SesStoreWatchOptions {
  /** Told of each email as the emulator stores it. */
  readonly onStored: (email: StoredEmail) => void;
  /**
   * Drops each email's HTML and text from the store: ten thousand emails would otherwise
   * hold ~150 MB. The web inbox then shows empty bodies. @default false
   */
  readonly dropBodies?: boolean;
}

interface EmulatorStore {
  emails: { destination: { to: string[] }; body: { html?: string; text?: string } }[];
}

/**
 * Reports each email the SES v2 emulator (`aws-ses-v2-local`) running in this process stores,
 * with a sub-millisecond timestamp.
 *
 * Why not `GET /store`: the emulator stamps each email with `at` in whole seconds, too coarse
 * for latencies of milliseconds, and polling a store of thousands of emails would load the
 * process being measured. So this wraps the `push` of the emulator's in-memory store
 * (`dist/store.js`, one module instance per process), which its `SendEmail` route calls once
 * per accepted email.
 *
 * @param options - the listener and whether to drop bodies
 */
export function watchSesStore(options: SesStoreWatchOptions): void {
  const require = createRequire(import.meta.url);
  const storeModule = require('aws-ses-v2-local/dist/store.js') as {
    getStoreReadonly(): EmulatorStore;
  };
  const store = storeModule.getStoreReadonly();
  const push = store.emails.push;
  store.emails.push = (...emails) => {
    const at = performance.timeOrigin + performance.now();
    for (const email of emails) {
      options.onStored({ to: email.destination.to, at });
      if (options.dropBodies) email.body = {};
    }
    return push.apply(store.emails, emails);
  };
}
