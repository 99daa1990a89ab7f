import { fileURLToPath } from 'node:url';
import type { SqsBatchHandler } from '../event-source-mapping/event-source-mapping.js';
import { type CrashStats, createCrashCoordinator } from '../faults/crash-coordinator.js';
import { startDynamoDbWatchProxy } from '../faults/dynamodb-watch-proxy.js';
import { type FaultSettings, needsKillableWorker } from '../faults/fault-settings.js';
import type { ForwardingProxy } from '../faults/forwarding-proxy.js';
import { createRandomSource } from '../faults/random-source.js';
import { type SesCallOutcome, startSesFaultProxy } from '../faults/ses-fault-proxy.js';
import { bundleHandler } from '../lambda/handler-bundle.js';
import type { LambdaFunctionSettings } from '../lambda/lambda-context.js';
import { type ContainerPool, createContainerPool } from './container-pool.js';
import { runOneAtATime } from './one-at-a-time.js';

/** Where the worker runs: in the stack's own process, or one child process per container. */
export type WorkerIsolation = 'in-process' | 'process';

/**
 * Nice value of the worker containers: the lowest priority, so under a burst the API's
 * process gets the CPU. In AWS the worker never shares a CPU with the API function; on one
 * machine the queue absorbs the burst while the worker drains at what CPU is left (SES
 * itself paces it at 14 emails/s). Idle cores still go to the worker at full speed.
 */
export const workerNiceness = 19;

/** Options of {@link startWorkerRuntime}. */
export interface WorkerRuntimeOptions {
  readonly faults: FaultSettings;
  readonly isolation: WorkerIsolation;
  /** The SES v2 emulator. */
  readonly sesEndpoint: string;
  /** The DynamoDB emulator, if the stack runs one (the idempotency table). */
  readonly dynamoDbEndpoint: string | undefined;
  /** Most containers at once: the event source mapping's maximum concurrency. */
  readonly size: number;
  /** Name, timeout (s), memory (MB), region and account of the function. */
  readonly functionSettings: LambdaFunctionSettings;
  /** Where the containers' stdout goes. @default 'inherit' */
  readonly output?: 'inherit' | 'ignore';
}

/** What the faults did so far. */
export interface FaultReport {
  /** `SendEmail` calls by outcome at the fault proxies. */
  readonly ses: Readonly<Record<SesCallOutcome, number>>;
  readonly crashes: CrashStats;
  /** Worker containers started (cold starts) and their deaths by cause; empty in process. */
  readonly containers: { readonly coldStarts: number; readonly deaths: Record<string, number> };
}

/** The worker's side of the local stack, with its faults. */
export interface WorkerRuntime {
  /** Where the worker runs. */
  readonly isolation: WorkerIsolation;
  /** The SES endpoint for handlers in the stack's process: a fault proxy when SES faults are on. */
  readonly sesEndpoint: string;
  /**
   * The function the event source mapping invokes: the in-process handler, imported now, or,
   * isolated, containers started now (rejects when one cannot load the handler). Call it
   * once the handlers' environment is set: the handler reads it at import, containers
   * inherit it.
   *
   * @param importInProcess - imports the worker's handler into this process (in process only)
   */
  createHandler(importInProcess: () => Promise<SqsBatchHandler>): Promise<SqsBatchHandler>;
  /**
   * Rebuilds the containers' bundle from the sources as they are now and, when it changed,
   * replaces the containers (see `ContainerPool.replaceBundle`). Isolated only.
   *
   * @returns whether the worker's code changed
   * @throws esbuild's error, or Error when a container cannot load the new bundle; Error in
   *   process, where the loaded module cannot be replaced
   */
  reload(): Promise<boolean>;
  report(): FaultReport;
  stop(): Promise<void>;
}

const containerEntry = fileURLToPath(new URL('container-entry.ts', import.meta.url));

/**
 * Sets up how the local stack runs the worker and injects faults around it. In process,
 * SES faults come from one fault proxy in front of the SES emulator (always there, so
 * `+reject` recipients are refused even with no fault set). Isolated, each
 * container slot gets its own SES fault proxy and DynamoDB watch proxy, so every call is
 * known to come from one container, and the crash coordinator kills containers at the
 * chosen points with `SIGKILL`.
 *
 * @param options - faults, isolation, emulators, size and function settings
 * @returns the runtime
 */
export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const ses = { throttle: 0, 'server-error': 0, reject: 0, accepted: 0, held: 0 };
  const countSend = (outcome: SesCallOutcome) => {
    ses[outcome] += 1;
  };
  const sesRandom = createRandomSource(options.faults.seed);
  const proxies: ForwardingProxy[] = [];
  const stopProxies = () => Promise.all(proxies.map((proxy) => proxy.stop())).then(() => {});

  if (options.isolation === 'in-process') {
    // Always in place, faults or not, so a `+reject` address is refused in every local run.
    const proxy = await startSesFaultProxy({
      target: options.sesEndpoint,
      faults: options.faults,
      random: sesRandom,
      onSendEmail: countSend,
    });
    proxies.push(proxy);
    return {
      isolation: 'in-process',
      sesEndpoint: proxy.url,
      // One loaded module is one execution environment: one invocation at a time.
      createHandler: async (importInProcess) => runOneAtATime(await importInProcess()),
      reload: () => Promise.reject(new Error('A worker running in process cannot reload')),
      report: () => ({
        ses: { ...ses },
        crashes: { killsAfterRecord: 0, killsInResidualWindow: 0, unrecordedSendsAtDeath: 0 },
        containers: { coldStarts: 0, deaths: {} },
      }),
      stop: stopProxies,
    };
  }

  let pool: ContainerPool | undefined;
  const crashes = createCrashCoordinator({
    killAfterRecord: options.faults.killAfterRecord,
    killInResidualWindow: options.faults.killInResidualWindow,
    random: createRandomSource(options.faults.seed ^ 0x5eed),
    kill: (slot, point) => pool?.kill(slot, point),
  });
  const slots = await Promise.all(
    Array.from({ length: options.size }, async (_, slot) => {
      const sesProxy = await startSesFaultProxy({
        target: options.sesEndpoint,
        faults: options.faults,
        random: sesRandom,
        slot,
        crashes,
        onSendEmail: countSend,
      });
      proxies.push(sesProxy);
      // Only the crash coordinator reads what it sees: without kills, no detour for every call.
      const dynamoDbProxy =
        options.dynamoDbEndpoint === undefined || !needsKillableWorker(options.faults)
          ? undefined
          : await startDynamoDbWatchProxy({ target: options.dynamoDbEndpoint, slot, crashes });
      if (dynamoDbProxy !== undefined) proxies.push(dynamoDbProxy);
      return { sesProxy, dynamoDbProxy };
    }),
  );
  const bundle = await bundleHandler(containerEntry).catch(async (error: unknown) => {
    await stopProxies();
    throw error;
  });

  return {
    isolation: 'process',
    sesEndpoint: options.sesEndpoint,
    async createHandler() {
      pool = createContainerPool({
        bundlePath: bundle.path,
        size: options.size,
        functionSettings: options.functionSettings,
        output: options.output ?? 'inherit',
        niceness: workerNiceness,
        environmentFor: (slot) => ({
          ...process.env,
          AWS_ENDPOINT_URL_SESV2: slots[slot]?.sesProxy.url,
          ...(slots[slot]?.dynamoDbProxy
            ? { AWS_ENDPOINT_URL_DYNAMODB: slots[slot]?.dynamoDbProxy?.url }
            : {}),
        }),
        isDoomed: (slot) => crashes.isDoomed(slot),
        onExit(slot) {
          crashes.containerExited(slot);
          slots[slot]?.sesProxy.dropConnections();
          slots[slot]?.dynamoDbProxy?.dropConnections();
        },
      });
      await pool.warmUp();
      const started = pool;
      return (event, context) => started.invoke(event, context);
    },
    async reload() {
      if (!(await bundle.rebuild())) return false;
      await pool?.replaceBundle(bundle.path);
      return true;
    },
    report: () => ({
      ses: { ...ses },
      crashes: crashes.stats(),
      containers: pool?.stats() ?? { coldStarts: 0, deaths: {} },
    }),
    async stop() {
      await pool?.stop();
      await stopProxies();
      await bundle.remove();
    },
  };
}
