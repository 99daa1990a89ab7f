import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { apiRoutes } from '../lib/api-routes.js';
import {
  type QueueSettings,
  type RetrySettings,
  settings,
  signupSettingsEnvironment,
  type WorkerSettings,
  workerSettingsEnvironment,
} from '../lib/settings.js';
import { createApiServer } from './api-gateway/api-server.js';
import { parseCorsOrigins } from './api-gateway/cors.js';
import { localClientConfig } from './emulators/client-config.js';
import { type EmulatorEndpoints, startEmulatorProcesses } from './emulators/emulators.js';
import { createEmailQueues, localQueueName } from './emulators/queues.js';
import type { StoredEmail } from './emulators/ses-store-watch.js';
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
import { bundleHandler, type HandlerBundle } from './lambda/handler-bundle.js';
import { configureHandlerEnvironment } from './lambda/handler-environment.js';
import { type HotReload, type SignupHandler, startHotReload } from './lambda/hot-reload.js';
import { createLambdaContext } from './lambda/lambda-context.js';
import { closeServer, listenOn, toPortInUseError } from './servers.js';
import {
  type FaultReport,
  startWorkerRuntime,
  type WorkerIsolation,
  type WorkerRuntime,
} from './worker-runtime/start-worker-runtime.js';

/** Options of {@link startLocalStack}; ports of 0 pick free ones. */
export interface LocalStackOptions {
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
  /** Backoff of retried jobs, in seconds (`settings.retry` otherwise), e.g. to drain fast. */
  readonly retry?: Partial<RetrySettings>;
  /** SES sends per second per container (`settings.ses` / maxConcurrency otherwise). */
  readonly sendRatePerSecond?: number;
  /** Long-poll wait of the event source mapping, in seconds. @default 20 */
  readonly waitTimeSeconds?: number;
  /**
   * Signups one client may make per window (`settings.accounts`); 0 turns the limit off, for
   * load tests that sign up many addresses from 127.0.0.1. @default `SIGNUP_LIMIT_PER_CLIENT`,
   * else `settings.accounts.signupLimitPerClient`
   */
  readonly signupLimitPerClient?: number;
  /** Subject prefix of the emails. @default - the worker's own default */
  readonly mailSubjectPrefix?: string;
  /** Reports the event source mapping's batches and the API's failures. @default console */
  readonly logger?: EventSourceMappingLogger;
  /** Faults to inject (SES errors and latency, worker kills). @default none */
  readonly faults?: Partial<FaultSettings>;
  /**
   * Where the worker runs: `process` gives each container its own child process, which
   * the kill faults need. @default 'process' with kill faults or `watch`, else 'in-process'
   */
  readonly workerIsolation?: WorkerIsolation;
  /** Where worker containers' stdout goes (isolated only). @default 'inherit' */
  readonly workerOutput?: 'inherit' | 'ignore';
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

/** The variables `startLocalStack` reads besides its options, each with what it sets. */
export const localStackEnvironment = {
  CORS_ORIGINS:
    "origins allowed to call the API from a browser, comma-separated, or * (the stack's corsOrigins)",
  TOKEN_SECRET: 'key of the confirmation links (default 32 random bytes per run)',
  MAIL_SENDER: 'the From of the emails (default Signup Mailer <no-reply@signup-mailer.local>)',
  MAIL_SUBJECT_PREFIX: "the emails' subject prefix (default [Signup Mailer] )",
  SIGNUP_LIMIT_PER_CLIENT:
    'signups one client may make per 10 minutes (default 10; 0 turns the limit off, e.g. for load tests)',
  POWERTOOLS_DEV:
    'true pretty-prints the logs, false writes JSON lines (default: pretty in a terminal)',
  POWERTOOLS_LOG_LEVEL: "the handlers' log level (default INFO)",
  POWERTOOLS_METRICS_DISABLED: "false prints the metrics' EMF lines (default true)",
} as const;

/** Names of the local stack's tables and functions. */
const localNames = {
  idempotencyTable: 'signup-mailer-idempotency',
  accountsTable: 'signup-mailer-accounts',
  signupFunction: 'signup-mailer-signup',
  workerFunction: 'signup-mailer-send-email',
} as const;

const signupEntry = fileURLToPath(new URL('../functions/signup/index.ts', import.meta.url));

let started = false;

/**
 * Starts the whole pipeline on this machine with no AWS account: the HTTP API in front of
 * the unmodified signup handler, the SQS, SES v2 and DynamoDB emulators (each in its own
 * process), the email queue and DLQ built from `lib/settings.ts`, and an SQS event source
 * mapping invoking the unmodified send-email handler. The API's port is taken first, so a
 * busy port fails before anything else starts.
 *
 * Once per process: the handlers read their configuration and create their SDK clients at
 * import, as in a Lambda container, so a second stack could not repoint them.
 *
 * @param options - ports, region and settings overrides
 * @returns the stack's URLs and `stop()`
 * @throws Error when a stack was already started in this process, or `watch` is asked of a
 *   worker in process; PortInUseError when a port is taken; a handler's ConfigurationError
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (started) throw new Error('startLocalStack runs once per process');
  if (options.watch === true && options.workerIsolation === 'in-process') {
    throw new Error('watch reloads worker containers: it needs workerIsolation "process"');
  }
  started = true;
  const region = options.region ?? 'us-east-1';
  const logger = options.logger ?? console;
  let listening: Server | undefined;
  let emulators: EmulatorEndpoints | undefined;
  let sqsClient: SQSClient | undefined;
  let runtime: WorkerRuntime | undefined;
  let signupBundle: HandlerBundle | undefined;
  let hotReload: HotReload | undefined;
  let mapping: EventSourceMapping | undefined;
  let stopped: Promise<void> | undefined;
  // The API closes first, then the batches in flight finish, then the worker and the
  // emulators go.
  const stop = () => {
    stopped ??= runStoppers([
      async () => listening && (await closeServer(listening)),
      async () => mapping?.stop(),
      async () => hotReload?.stop(),
      async () => signupBundle?.remove(),
      async () => runtime?.stop(),
      async () => sqsClient?.destroy(),
      async () => emulators?.stop(),
    ]);
    return stopped;
  };
  try {
    // Requests that arrive while the handler loads wait for it, as during a Lambda cold
    // start; a failed load rejects startLocalStack itself, and waiting requests get a 500.
    const signupLoaded = createDeferred<() => SignupHandler>();
    signupLoaded.promise.catch(() => undefined);
    let accountId = '000000000000';
    const server = createApiServer({
      invoke: async (event) => {
        const loaded = await signupLoaded.promise;
        await hotReload?.settled();
        const context = createLambdaContext({
          name: localNames.signupFunction,
          ...settings.api,
          region,
          accountId,
        });
        return loaded()(event, context);
      },
      // The deployed API's routes; API Gateway answers any other request with its own 404.
      routes: apiRoutes.map(({ method, path }) => `${method} ${path}`),
      corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
      onError: (error) => logger.error('The signup handler failed', { error: String(error) }),
    });
    const requestedApiPort = options.apiPort ?? 3000;
    const apiPort = await listenOn(server, requestedApiPort, 'localhost').catch((error) => {
      throw toPortInUseError(error, 'api', requestedApiPort);
    });
    listening = server;
    const apiUrl = `http://localhost:${apiPort}`;

    const endpoints = await startEmulatorProcesses({
      sqsPort: options.sqsPort ?? 9324,
      sesPort: options.sesPort ?? 8005,
      region,
      ...(options.onEmailStored === undefined ? {} : { onEmailStored: options.onEmailStored }),
      dropEmailBodies: options.dropEmailBodies === true,
    });
    emulators = endpoints;
    // The event source mapping's own client: explicit endpoint, never the handlers' client.
    sqsClient = new SQSClient(localClientConfig(endpoints.sqsEndpoint, region));
    const queue = { ...settings.queue, ...options.queue };
    const queues = await createEmailQueues(sqsClient, localQueueName, queue);
    await createIdempotencyTable(endpoints.dynamoDbEndpoint, region, localNames.idempotencyTable);
    await createAccountsTable(endpoints.dynamoDbEndpoint, region, localNames.accountsTable);
    accountId = parseQueueArn(queues.queueArn).accountId;

    const worker = { ...settings.worker, ...options.worker };
    const faults = resolveFaultSettings(options.faults);
    const workerRuntime = await startWorkerRuntime({
      faults,
      isolation:
        options.workerIsolation ??
        (needsKillableWorker(faults) || options.watch === true ? 'process' : 'in-process'),
      sesEndpoint: endpoints.sesEndpoint,
      dynamoDbEndpoint: endpoints.dynamoDbEndpoint,
      size: worker.maxConcurrency,
      functionSettings: { name: localNames.workerFunction, ...worker, region, accountId },
      ...(options.workerOutput === undefined ? {} : { output: options.workerOutput }),
    });
    runtime = workerRuntime;

    configureHandlerEnvironment({
      region,
      sqsEndpoint: endpoints.sqsEndpoint,
      sesEndpoint: workerRuntime.sesEndpoint,
      queueUrl: queues.queueUrl,
      dlqUrl: queues.dlqUrl,
      dynamoDbEndpoint: endpoints.dynamoDbEndpoint,
      idempotencyTable: localNames.idempotencyTable,
      accountsTable: localNames.accountsTable,
      apiUrl,
    });
    // The functions' settings from lib/settings.ts as the CDK stack sets them, then local overrides.
    Object.assign(
      process.env,
      signupSettingsEnvironment({
        signupLimitPerClient: options.signupLimitPerClient ?? readLimit(process.env),
      }),
      workerSettingsEnvironment({ queue, maxConcurrency: worker.maxConcurrency }),
      definedOnly({
        MAIL_SUBJECT_PREFIX: options.mailSubjectPrefix,
        RETRY_BASE_DELAY_SECONDS: options.retry?.baseDelaySeconds,
        RETRY_MAX_DELAY_SECONDS: options.retry?.maxDelaySeconds,
        SEND_RATE_PER_SECOND: options.sendRatePerSecond,
      }),
    );
    try {
      if (options.watch === true) {
        signupBundle = await bundleHandler(signupEntry);
        hotReload = startHotReload({ signupBundle, reloadWorker: workerRuntime.reload, logger });
        signupLoaded.resolve(hotReload.signupHandler);
      } else {
        const { handler } = await import('../functions/signup/index.js');
        signupLoaded.resolve(() => handler);
      }
    } catch (error) {
      signupLoaded.reject(error);
      throw error;
    }

    const workerHandler = await workerRuntime.createHandler(
      async () => (await import('../functions/send-email/index.js')).handler,
    );
    mapping = startEventSourceMapping({
      client: sqsClient,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      handler: async (event, context) => {
        await hotReload?.settled();
        return workerHandler(event, context);
      },
      enforceTimeout: workerRuntime.isolation === 'in-process',
      functionSettings: { name: localNames.workerFunction, ...worker },
      batchSize: worker.batchSize,
      maxConcurrency: worker.maxConcurrency,
      ...(options.waitTimeSeconds === undefined
        ? {}
        : { waitTimeSeconds: options.waitTimeSeconds }),
      logger,
    });

    return {
      apiUrl,
      inboxUrl: endpoints.sesEndpoint,
      queueUrl: queues.queueUrl,
      dlqUrl: queues.dlqUrl,
      faults,
      faultReport: () => workerRuntime.report(),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** `SIGNUP_LIMIT_PER_CLIENT`, if set; the handler's configuration refuses a bad one. */
function readLimit(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.SIGNUP_LIMIT_PER_CLIENT?.trim();
  return value === undefined || value === '' ? undefined : Number(value);
}

/** Runs every stopper in order, even past a failing one; throws the first failure. */
async function runStoppers(stoppers: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stop of stoppers) await stop().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

/** The entries whose value is set, as strings: environment variables to set. */
function definedOnly(values: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, String(value)]],
    ),
  );
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
