import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  type EmulatorName,
  type EmulatorRequest,
  readEmulatorMessage,
} from './emulator-messages.js';
import { toDynamoDbEndpoint, toSesEndpoint, toSqsEndpoint } from './emulator-servers.js';
import type { EmulatorOptions } from './emulators.js';
import { resolveLocalhostSubdomains } from './localhost-dns.js';
import type { StoredEmail } from './ses-store-watch.js';

/** Options of {@link startEmulatorProcesses}. */
export interface EmulatorProcessOptions extends EmulatorOptions {
  /** Told of each email the SES emulator stores (sub-ms time). @default none */
  readonly onEmailStored?: (email: StoredEmail) => void;
  /** Drop stored emails' bodies (see `watchSesStore`); only with `onEmailStored`. @default false */
  readonly dropEmailBodies?: boolean;
}

/** The emulators' endpoints, each served by its own process. */
export interface EmulatorEndpoints {
  /** SQS endpoint, `http://sqs.<region>.localhost:<port>`, the host fauxqs puts in queue URLs. */
  readonly sqsEndpoint: string;
  /** SES v2 endpoint, also the web inbox (`GET /store` lists the emails sent). */
  readonly sesEndpoint: string;
  /** DynamoDB endpoint (dynalite, in memory). */
  readonly dynamoDbEndpoint: string;
  /** Stops the emulators' processes. */
  stop(): Promise<void>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Starts the SQS, SES v2 and DynamoDB emulators each in its own Node process, as the
 * managed services never share a CPU with the functions in AWS: under load, an emulator's
 * work then neither delays the API's event loop nor waits behind it, and the three use
 * both cores. `*.localhost` resolves to 127.0.0.1 in this process while they run, so the
 * SQS client reaches fauxqs's queue URLs.
 *
 * The processes run a bundle of `emulator-process.ts`; they ignore Ctrl-C (the stack stops them after draining) and exit when this
 * process goes away. `--cpu-prof` flags of this process pass on to them.
 *
 * @param options - ports (0 = free), region, the SES emulator's email reports
 * @returns the endpoints and `stop()`
 * @throws Error when an emulator fails to start (e.g. its port is taken)
 */
export async function startEmulatorProcesses(
  options: EmulatorProcessOptions,
): Promise<EmulatorEndpoints> {
  const entry = await buildEmulatorEntry();
  // fauxqs's queue URLs name `sqs.<region>.localhost`, which the SQS clients here must reach.
  const restoreDns = resolveLocalhostSubdomains();
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    restoreDns();
    await entry.remove();
  };
  const start = (emulator: EmulatorName, port: number) => {
    const child = forkEmulator(entry.path);
    children.push(child);
    const request: EmulatorRequest = {
      emulator,
      port,
      region: options.region,
      reportEmails: emulator === 'ses' && options.onEmailStored !== undefined,
      dropEmailBodies: options.dropEmailBodies === true,
    };
    return awaitReady(child, request, options.onEmailStored);
  };
  try {
    const [sqsPort, sesPort, dynamoDbPort] = await Promise.all([
      start('sqs', options.sqsPort),
      start('ses', options.sesPort),
      start('dynamodb', options.dynamoDbPort ?? 0),
    ]);
    return {
      sqsEndpoint: toSqsEndpoint(options.region, sqsPort),
      sesEndpoint: toSesEndpoint(sesPort),
      dynamoDbEndpoint: toDynamoDbEndpoint(dynamoDbPort),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Bundles the emulator processes' entry with esbuild, packages left as imports: plain
 * JavaScript starts in a fraction of the time tsx takes (about 1.5 s of CPU per process).
 * The file goes under `node_modules/.cache`, where its imports resolve to the packages.
 */
async function buildEmulatorEntry(): Promise<{ path: string; remove(): Promise<void> }> {
  const cache = join(root, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const directory = await mkdtemp(join(cache, 'signup-mailer-emulators-'));
  const path = join(directory, 'emulator-process.mjs');
  try {
    await build({
      entryPoints: [join(root, 'local', 'emulators', 'emulator-process.ts')],
      outfile: path,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}

function forkEmulator(entry: string): ChildProcess {
  const profiling = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
  const child = fork(entry, [], {
    cwd: root,
    execArgv: profiling,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // A send to a process that just died fails here; its 'exit' settles the waiters.
  child.on('error', () => {});
  return child;
}

function awaitReady(
  child: ChildProcess,
  request: EmulatorRequest,
  onEmailStored: ((email: StoredEmail) => void) | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`The ${request.emulator} emulator exited (${signal ?? code}) at start`));
    child.once('exit', onExit);
    child.on('message', (message: unknown) => {
      const reply = readEmulatorMessage(message);
      if (reply?.type === 'email') onEmailStored?.({ to: reply.to, at: reply.at });
      else if (reply?.type === 'ready') {
        child.off('exit', onExit);
        resolve(reply.port);
      } else if (reply?.type === 'failed') {
        reject(new Error(`The ${request.emulator} emulator failed to start: ${reply.error}`));
      }
    });
    child.send(request);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // SIGTERM lets `--cpu-prof` write its profile; the emulators hold nothing to save.
  child.kill('SIGTERM');
  await exited;
}
