import { fileURLToPath } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { apiRoutes } from '../lib/api-routes.js';
import {
  type QueueSettings,
  settings,
  signupSettingsEnvironment,
  type WorkerSettings,
  workerSettingsEnvironment,
} from '../lib/settings.js';
import { closeServer, createApiServer, listenOn } from './api-gateway/api-server.js';
import { parseCorsOrigins } from './api-gateway/cors.js';
import { type EmulatorEndpoints, startEmulatorProcesses } from './emulators/emulator-processes.js';
import { createEmailQueues } from './emulators/queues.js';
import { type StoredEmail, watchSesStore } from './emulators/ses-store-watch.js';
import { createAccountsTable, createIdempotencyTable } from './emulators/tables.js';
import {
  type EventSourceMapping,
  type EventSourceMappingLogger,
  startEventSourceMapping,
} from './event-source-mapping/event-source-mapping.js';
import { parseQueueArn } from './event-source-mapping/sqs-record.js';
import {
  type FaultSettings,
  needsKillableWorker,
  resolveFaultSettings,
} from './faults/fault-settings.js';
import { bundleHandler } from './lambda/handler-bundle.js';
import { configureHandlerEnvironment } from './lambda/handler-environment.js';
import { type HotReload, type SignupHandler, startHotReload } from './lambda/hot-reload.js';
import { createLambdaContext } from './lambda/lambda-context.js';
import { toWorkerOverrideEnvironment, type WorkerOverrides } from './lambda/worker-overrides.js';
import {
  type FaultReport,
  startWorkerRuntime,
  type WorkerIsolation,
} from './worker-runtime/start-worker-runtime.js';

/** Options of {@link startLocalStack}; ports of 0 pick free ones. */
export interface LocalStackOptions extends WorkerOverrides {
  /** Port of the HTTP API. @default 3000 */
  readonly apiPort?: number;
  /** Port of the SES v2 emulator and its web inbox. @default 8005 */
  readonly sesPort?: number;
  /** Port of the SQS emulator. @default 9324 */
  readonly sqsPort?: number;
  /** Region the emulated services pretend to be in. @default 'us-east-1' */
  readonly region?: string;
  /** Overrides of `settings.queue`, e.g. a short visibility timeout in tests. */
  readonly queue?: Partial<QueueSettings>;
  /** Overrides of `settings.worker`. */
  readonly worker?: Partial<WorkerSettings>;
  /** Long-poll wait of the event source mapping, in seconds. @default 20 */
  readonly waitTimeSeconds?: number;
  /** Subject prefix of the emails. @default - the worker's own default */
  readonly mailSubjectPrefix?: string;
  /** Reports the event source mapping's batches and the API's failures. @default console */
  readonly logger?: EventSourceMappingLogger;
  /** Faults to inject (SES errors and latency, worker kills). @default none */
  readonly faults?: Partial<FaultSettings>;
  /**
   * Where the worker runs: `process` gives each container its own child process, which
   * the kill faults need. @default 'process' with kill faults, else 'in-process'
   */
  readonly workerIsolation?: WorkerIsolation;
  /** Where worker containers' stdout goes (isolated only). @default 'inherit' */
  readonly workerOutput?: 'inherit' | 'ignore';
  /**
   * Where the SQS, SES and DynamoDB emulators run: `process` gives each its own process, as
   * the managed services never share the functions' CPU in AWS. @default 'process'
   */
  readonly emulatorIsolation?: 'in-process' | 'process';
  /** Told of each email the SES emulator stores, with a sub-ms time. @default none */
  readonly onEmailStored?: (email: StoredEmail) => void;
  /** Drop stored emails' bodies (long runs; see `watchSesStore`). @default false */
  readonly dropEmailBodies?: boolean;
  /**
   * Reload the handlers when their sources change (`npm start`), keeping the emulators'
   * state; see `startHotReload`. Runs the API handler from a bundle and the worker in
   * containers (`workerIsolation: 'process'`). @default false
   */
  readonly watch?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  /** Base URL of the HTTP API, e.g. `http://localhost:3000`. */
  readonly apiUrl: string;
  /** The SES emulator's web inbox; `GET /store` lists the emails sent. */
  readonly inboxUrl: string;
  /** URL of the email job queue. */
  readonly queueUrl: string;
  /** URL of its DLQ. */
  readonly dlqUrl: string;
  /** The faults in force, seed included. */
  readonly faults: FaultSettings;
  /** What the faults did so far. */
  faultReport(): FaultReport;
  /** Stops taking requests, drains the batches in flight, then stops the emulators. */
  stop(): Promise<void>;
}

const signupEntry = fileURLToPath(new URL('../functions/signup/index.ts', import.meta.url));

let started = false;

/**
 * Starts the whole pipeline on this machine with no AWS account: SQS, SES v2 and DynamoDB
 * emulators (each in its own process unless `emulatorIsolation: 'in-process'`),
 * the email queue and DLQ built from `lib/settings.ts`, the HTTP API in front of the
 * unmodified signup handler, and an SQS event source mapping invoking the unmodified
 * send-email handler.
 *
 * Once per process: the handlers read their configuration and create their SDK clients at
 * import, as in a Lambda container, so a second stack could not repoint them.
 *
 * @param options - ports, region and settings overrides
 * @returns the stack's URLs and `stop()`
 * @throws Error when a stack was already started in this process, or `watch` is asked of a
 *   worker in process; a `listen` error (e.g. `EADDRINUSE`; from an emulator's process, an
 *   Error naming it) when a port is taken; a handler's ConfigurationError
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (started) throw new Error('startLocalStack runs once per process');
  if (options.watch === true && options.workerIsolation === 'in-process') {
    throw new Error('watch reloads worker containers: it needs workerIsolation "process"');
  }
  started = true;
  const region = options.region ?? 'us-east-1';
  const logger = options.logger ?? console;
  const stoppers: (() => Promise<void>)[] = [];
  let stopped: Promise<void> | undefined;
  const stopAll = () => {
    stopped ??= runStoppers([...stoppers].reverse());
    return stopped;
  };
  try {
    const emulators = await startStackEmulators(options, region);
    stoppers.push(() => emulators.stop());
    const sqsClient = createEmulatorClient(emulators, region);
    stoppers.push(async () => sqsClient.destroy());
    const queue = { ...settings.queue, ...options.queue };
    const queues = await createEmailQueues(sqsClient, 'signup-mailer-email-jobs', queue);
    const idempotencyTable = 'signup-mailer-idempotency';
    await createIdempotencyTable(emulators.dynamoDbEndpoint, region, idempotencyTable);
    const accountsTable = 'signup-mailer-accounts';
    await createAccountsTable(emulators.dynamoDbEndpoint, region, accountsTable);

    // Requests that arrive while the handler loads wait for it, as during a Lambda cold start.
    const signupLoaded = createDeferred<() => SignupHandler>();
    // A failed import rejects startLocalStack itself; waiting requests get a 500.
    signupLoaded.promise.catch(() => undefined);
    let hotReload: HotReload | undefined;
    const { accountId } = parseQueueArn(queues.queueArn);
    const worker = { ...settings.worker, ...options.worker };
    const faults = resolveFaultSettings(options.faults);
    const runtime = await startWorkerRuntime({
      faults,
      isolation:
        options.workerIsolation ??
        (needsKillableWorker(faults) || options.watch === true ? 'process' : 'in-process'),
      sesEndpoint: emulators.sesEndpoint,
      dynamoDbEndpoint: emulators.dynamoDbEndpoint,
      size: worker.maxConcurrency,
      functionSettings: { functionName: 'signup-mailer-send-email', ...worker, region, accountId },
      ...(options.workerOutput === undefined ? {} : { output: options.workerOutput }),
    });
    stoppers.push(() => runtime.stop());
    const server = createApiServer({
      invoke: async (event) => {
        await hotReload?.settled();
        return (await signupLoaded.promise)()(
          event,
          createLambdaContext({ name: 'signup-mailer-signup', ...settings.api, region, accountId }),
        );
      },
      // The deployed API's routes; API Gateway answers any other request with its own 404.
      routes: apiRoutes.map(({ method, path }) => `${method} ${path}`),
      corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
      onError: (error) => logger.error('The signup handler failed', { error: String(error) }),
    });
    const apiPort = await listenOn(server, options.apiPort ?? 3000, 'localhost');
    const serverStopper = stoppers.push(() => closeServer(server)) - 1;
    const apiUrl = `http://localhost:${apiPort}`;

    configureHandlerEnvironment({
      region,
      sqsEndpoint: emulators.sqsEndpoint,
      sesEndpoint: runtime.sesEndpoint,
      queueUrl: queues.queueUrl,
      dlqUrl: queues.dlqUrl,
      dynamoDbEndpoint: emulators.dynamoDbEndpoint,
      idempotencyTable,
      accountsTable,
      apiUrl,
      ...(options.mailSubjectPrefix === undefined
        ? {}
        : { mailSubjectPrefix: options.mailSubjectPrefix }),
    });
    // The functions' settings from lib/settings.ts as the CDK stack sets them, then local overrides.
    Object.assign(
      process.env,
      signupSettingsEnvironment(),
      workerSettingsEnvironment({ queue, maxConcurrency: worker.maxConcurrency }),
      toWorkerOverrideEnvironment(options),
    );
    try {
      if (options.watch === true) {
        const signupBundle = await bundleHandler(signupEntry);
        stoppers.push(() => signupBundle.remove());
        const reload = startHotReload({ signupBundle, reloadWorker: runtime.reload, logger });
        stoppers.push(async () => reload.stop());
        hotReload = reload;
        signupLoaded.resolve(reload.signupHandler);
      } else {
        const { handler } = await import('../functions/signup/index.js');
        signupLoaded.resolve(() => handler);
      }
    } catch (error) {
      signupLoaded.reject(error);
      throw error;
    }

    const workerHandler = await runtime.createHandler(
      async () => (await import('../functions/send-email/index.js')).handler,
    );
    const mapping: EventSourceMapping = startEventSourceMapping({
      client: sqsClient,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      handler: async (event, context) => {
        await hotReload?.settled();
        return workerHandler(event, context);
      },
      enforceTimeout: runtime.isolation === 'in-process',
      functionSettings: { name: 'signup-mailer-send-email', ...worker },
      batchSize: worker.batchSize,
      maxConcurrency: worker.maxConcurrency,
      ...(options.waitTimeSeconds === undefined
        ? {}
        : { waitTimeSeconds: options.waitTimeSeconds }),
      logger,
    });
    // Stoppers run in reverse: the API closes first, then the sends in flight finish, then SQS and SES go.
    stoppers.splice(serverStopper, 0, () => mapping.stop());

    return {
      apiUrl,
      inboxUrl: emulators.sesEndpoint,
      queueUrl: queues.queueUrl,
      dlqUrl: queues.dlqUrl,
      faults,
      faultReport: () => runtime.report(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Runs every stopper in order, even past a failing one; throws the first failure. */
async function runStoppers(stoppers: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stop of stoppers) await stop().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

/** A promise with its settling functions outside (`Promise.withResolvers` needs Node 22). */
function createDeferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** Starts the emulators in their own processes, or in this one (then without email reports). */
async function startStackEmulators(
  options: LocalStackOptions,
  region: string,
): Promise<EmulatorEndpoints> {
  const ports = { sqsPort: options.sqsPort ?? 9324, sesPort: options.sesPort ?? 8005, region };
  if (options.emulatorIsolation === 'in-process') {
    if (options.onEmailStored !== undefined) {
      watchSesStore({
        onStored: options.onEmailStored,
        dropBodies: options.dropEmailBodies === true,
      });
    }
    // Imported here: the module loads all three emulators' packages.
    const { startEmulators } = await import('./emulators/emulators.js');
    return startEmulators(ports);
  }
  return startEmulatorProcesses({
    ...ports,
    ...(options.onEmailStored === undefined ? {} : { onEmailStored: options.onEmailStored }),
    dropEmailBodies: options.dropEmailBodies === true,
  });
}

/** The event source mapping's own SQS client: explicit endpoint, never the handlers' client. */
function createEmulatorClient(emulators: EmulatorEndpoints, region: string): SQSClient {
  return new SQSClient({
    region,
    endpoint: emulators.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
