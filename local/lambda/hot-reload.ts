import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventSourceMappingLogger } from '../event-source-mapping/event-source-mapping.js';
import type { HandlerBundle } from './handler-bundle.js';

/** The signup function's handler, as its module exports it. */
export type SignupHandler = typeof import('../../functions/signup/index.js')['handler'];

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where the handlers' sources are: a change below any of these reloads them. */
export const watchedDirectories = ['functions', 'emails', 'lib'] as const;

/** What {@link startHotReload} reloads. */
export interface HotReloadOptions {
  /** The signup handler's bundle (see `bundleHandler`), built from `functions/signup`. */
  readonly signupBundle: HandlerBundle;
  /** Rebuilds the worker's containers; resolves whether their code changed. */
  readonly reloadWorker: () => Promise<boolean>;
  /** Where to say what was reloaded, or why not. */
  readonly logger: EventSourceMappingLogger;
  /** Quiet time after the last change before reloading, in ms (an editor's save is several events). @default 50 */
  readonly debounceMs?: number;
}

/** The handlers as last built, kept current while the stack runs. */
export interface HotReload {
  /** The signup handler as last built. */
  signupHandler(): SignupHandler;
  /**
   * Resolves once no reload waits or runs. Requests and invocations wait for it, as for a
   * cold start, so whatever follows a save runs the saved code.
   */
  settled(): Promise<void>;
  /** Stops watching. */
  stop(): void;
}

/**
 * Watches the handlers' sources (`functions/`, `emails/`, `lib/`) and, after a change,
 * rebuilds the signup handler's bundle and loads it afresh in this process, and rebuilds the
 * worker containers' bundle and replaces idle containers; each only when its code changed.
 * The emulators run in processes of their own, untouched, so the inbox, the queue and the
 * accounts stay as they were. Says on the logger what was reloaded, or why it could not be:
 * an edit that does not build, or builds into code that throws when it loads, keeps the code
 * that ran before running, and the log says so.
 *
 * Why bundles: an ES module, once imported, cannot be imported again, and neither can its
 * imports; a new bundle file loaded with `require` is a fresh copy of the whole handler.
 *
 * @param options - the signup bundle, the worker's reload, the logger
 * @returns the current signup handler, the reload gate and `stop()`
 * @throws the signup module's error when it cannot be loaded at all
 */
export function startHotReload(options: HotReloadOptions): HotReload {
  let signupHandler = loadHandler(options.signupBundle.path);
  let lastReloadFailed = false;
  const reload = async (changed: readonly string[]) => {
    const started = performance.now();
    const [signup, worker] = await Promise.allSettled([
      options.signupBundle.rebuild().then((rebuilt) => {
        if (rebuilt) signupHandler = loadNewHandler(options.signupBundle.path);
        return rebuilt;
      }),
      options.reloadWorker(),
    ]);
    const files = changed.map((file) => relative(projectRoot, file));
    const failures = (
      [
        ['signup', signup],
        ['send-email', worker],
      ] as const
    ).flatMap(([name, outcome]) =>
      outcome.status === 'rejected' ? [[name, describeError(outcome.reason)] as const] : [],
    );
    if (failures.length > 0) {
      options.logger.error(
        'Reload failed: the code that ran before keeps running; fix it and save again',
        {
          changed: files,
          failed: failures.map(([name]) => name),
          error: failures.map(([name, error]) => `${name}: ${error}`).join('\n'),
        },
      );
    }
    const reloaded = [
      ...(signup.status === 'fulfilled' && signup.value ? ['signup'] : []),
      ...(worker.status === 'fulfilled' && worker.value ? ['send-email'] : []),
    ];
    if (reloaded.length > 0) {
      options.logger.info('Reloaded: the next request and email run the new code', {
        changed: files,
        reloaded,
        ms: Math.round(performance.now() - started),
      });
    } else if (lastReloadFailed && failures.length === 0) {
      // The fix builds what was running already: say so, or the failure is the last word.
      options.logger.info('Reload fixed: the code builds again, the same as what keeps running', {
        changed: files,
      });
    }
    lastReloadFailed = failures.length > 0;
  };
  const watcher = watchSources(
    watchedDirectories.map((directory) => join(projectRoot, directory)),
    reload,
    options.debounceMs ?? 50,
  );
  return {
    signupHandler: () => signupHandler,
    settled: watcher.settled,
    stop: watcher.stop,
  };
}

/** Loads a handler bundle's `handler`, leaving no copy in the require cache. */
function loadHandler(path: string): SignupHandler {
  const require = createRequire(import.meta.url);
  try {
    return (require(path) as { handler: SignupHandler }).handler;
  } finally {
    delete require.cache[path];
  }
}

/** {@link loadHandler} of a rebuilt bundle, whose failure leaves the handler that ran before. */
function loadNewHandler(path: string): SignupHandler {
  try {
    return loadHandler(path);
  } catch (error) {
    throw new Error(
      `The new code failed to load; the previous code keeps running. ${describeError(error)}`,
    );
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Calls `reload` with the changed files once changes to source files (`.ts`, `.tsx`,
 * `.json`; not hidden or editor lock files) below `directories` have been quiet for
 * `debounceMs`; one reload at a time, and another for what changed during it.
 */
function watchSources(
  directories: readonly string[],
  reload: (changed: readonly string[]) => Promise<void>,
  debounceMs: number,
): { settled(): Promise<void>; stop(): void } {
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let queued = 0;
  let running: Promise<void> = Promise.resolve();
  let idle: Promise<void> = Promise.resolve();
  let markIdle: (() => void) | undefined;

  const settleIfIdle = () => {
    if (timer !== undefined || queued > 0 || markIdle === undefined) return;
    markIdle();
    markIdle = undefined;
  };
  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed = new Set();
    queued += 1;
    running = running
      .then(() => reload(files))
      .catch(() => undefined)
      .finally(() => {
        queued -= 1;
        settleIfIdle();
      });
  };
  const onChange = (file: string) => {
    changed.add(file);
    if (markIdle === undefined) {
      idle = new Promise((resolve) => {
        markIdle = resolve;
      });
    }
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  // One watch per directory, not `recursive: true`: on Linux, Node 20's recursive watch loses
  // a file once an editor or git replaces it (write a copy, rename it over the file).
  const watchers = new Map<string, FSWatcher>();
  const watchDirectory = (directory: string) => {
    if (watchers.has(directory)) return;
    watchers.set(
      directory,
      watch(directory, (event, name) => {
        if (name === null || name.startsWith('.')) return;
        const path = join(directory, name);
        if (/\.(tsx?|json)$/.test(name)) onChange(path);
        else if (event === 'rename' && isDirectory(path)) watchDirectory(path);
      }),
    );
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) watchDirectory(join(directory, entry.name));
    }
  };
  for (const directory of directories) watchDirectory(directory);
  return {
    settled: () => idle,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      for (const watcher of watchers.values()) watcher.close();
      settleIfIdle();
    },
  };
}
