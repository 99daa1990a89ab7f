import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FauxqsServer } from 'fauxqs';
import { closeServer, listenOn, PortInUseError, toPortInUseError } from '../servers.js';
import { resolveLocalhostSubdomains } from './localhost-dns.js';
import type { StoredEmail } from './ses-store-watch.js';

/** The stand-ins for AWS: SQS (fauxqs), SES v2 (aws-ses-v2-local), DynamoDB (dynalite). */
export type EmulatorName = 'sqs' | 'ses' | 'dynamodb';

/** Ports (0 picks a free one) and region of the emulators. */
export interface EmulatorOptions {
  /** TCP port of the SQS emulator. */
  readonly sqsPort: number;
  /** TCP port of the SES v2 emulator and its web inbox. */
  readonly sesPort: number;
  /** Region the emulated services pretend to be in, e.g. `us-east-1`. */
  readonly region: string;
  /** TCP port of the DynamoDB emulator. @default 0 (free) */
  readonly dynamoDbPort?: number;
}

/** The emulators' endpoints, and how to stop them. */
export interface EmulatorEndpoints {
  /** SQS endpoint, `http://sqs.<region>.localhost:<port>`, the host fauxqs puts in queue URLs. */
  readonly sqsEndpoint: string;
  /** SES v2 endpoint, also the web inbox (`GET /store` lists the emails sent). */
  readonly sesEndpoint: string;
  /** DynamoDB endpoint (dynalite, in memory): an IP, so new connections need no lookup. */
  readonly dynamoDbEndpoint: string;
  /** Stops the emulators. */
  stop(): Promise<void>;
}

/** Emulators running in this process. */
export interface Emulators extends EmulatorEndpoints {
  /** The SQS emulator, for inspection in tests. */
  readonly sqs: FauxqsServer;
}

/** Options of {@link startEmulatorProcesses}. */
export interface EmulatorProcessOptions extends EmulatorOptions {
  /** Told of each email the SES emulator stores (sub-ms time). @default none */
  readonly onEmailStored?: (email: StoredEmail) => void;
  /** Drop stored emails' bodies (see `watchSesStore`); only with `onEmailStored`. @default false */
  readonly dropEmailBodies?: boolean;
}

/** What the parent asks an emulator's process to run (its one argument, as JSON). */
export interface EmulatorRequest {
  readonly emulator: EmulatorName;
  readonly port: number;
  readonly region: string;
  /** SES only: send an `email` message for each email stored. */
  readonly reportEmails: boolean;
  readonly dropEmailBodies: boolean;
}

/** What an emulator's process tells its parent. */
export type EmulatorMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'failed'; readonly error: string; readonly portInUse: boolean }
  | ({ readonly type: 'email' } & StoredEmail);

interface RunningEmulator {
  readonly port: number;
  readonly sqs?: FauxqsServer;
  stop(): Promise<void>;
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts one emulator in this process, its package imported only now: an emulator's own
 * process then loads just the one it runs (each takes about 0.5 s of CPU to load). The SES
 * emulator listens on `localhost`, DynamoDB on 127.0.0.1, fauxqs on all interfaces;
 * dynalite's tables are ACTIVE at once rather than after its simulated delays.
 *
 * @param emulator - which one
 * @param port - TCP port; 0 picks a free one
 * @param region - the region fauxqs's queue URLs name
 * @throws PortInUseError when the port is taken; the `listen` error otherwise
 */
export async function startEmulator(
  emulator: EmulatorName,
  port: number,
  region: string,
): Promise<RunningEmulator> {
  try {
    if (emulator === 'sqs') {
      const { startFauxqs } = await import('fauxqs');
      const sqs = await startFauxqs({ port, logger: false, defaultRegion: region });
      return { port: sqs.port, sqs, stop: () => sqs.stop() };
    }
    if (emulator === 'dynamodb') {
      const { default: dynalite } = await import('dynalite');
      const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
      return running(server, await listenOn(server, port, '127.0.0.1'));
    }
    // CommonJS with a `default` export: from Node's ESM the default import is the module
    // object, while vitest's interop gives the function itself.
    type StartSesEmulator = (config: { port: number; host: string }) => Promise<Server>;
    const module = (await import('aws-ses-v2-local')).default as unknown as {
      default?: StartSesEmulator;
    } & StartSesEmulator;
    const server = await (module.default ?? module)({ port, host: 'localhost' });
    // It resolves even when `listen` failed (Express 5 hands the error to a callback it
    // ignores): listening again gives the error.
    return running(
      server,
      server.listening ? addressPort(server) : await listenOn(server, port, 'localhost'),
    );
  } catch (error) {
    throw toPortInUseError(error, emulator, port);
  }
}

/**
 * Starts the three emulators in this process (tests, the bench's sandbox), with `*.localhost`
 * resolved to 127.0.0.1 while they run, so the SQS client reaches fauxqs's queue URLs.
 *
 * @param options - the ports (0 = free) and region
 * @returns the emulators, their endpoints and `stop()`
 * @throws PortInUseError when a port is taken; the `listen` error otherwise
 */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const restoreDns = resolveLocalhostSubdomains();
  const started: RunningEmulator[] = [];
  const stop = async () => {
    await Promise.all(started.map((emulator) => emulator.stop()));
    restoreDns();
  };
  try {
    for (const [emulator, port] of portsOf(options)) {
      started.push(await startEmulator(emulator, port, options.region));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const [sqs, ses, dynamoDb] = started as [RunningEmulator, RunningEmulator, RunningEmulator];
  return {
    sqs: sqs.sqs as FauxqsServer,
    ...toEndpoints(options.region, sqs.port, ses.port, dynamoDb.port),
    stop,
  };
}

/**
 * Starts the SQS, SES v2 and DynamoDB emulators each in its own Node process, as the managed
 * services never share a CPU with the functions in AWS: under load, an emulator's work then
 * neither delays the API's event loop nor waits behind it, and the three use both cores.
 * `*.localhost` resolves to 127.0.0.1 in this process while they run.
 *
 * The processes run a bundle of `emulator-process.ts`; they ignore Ctrl-C (the stack stops
 * them after draining) and exit when this process goes away. `--cpu-prof` flags of this
 * process pass on to them.
 *
 * @param options - ports (0 = free), region, the SES emulator's email reports
 * @returns the endpoints and `stop()`
 * @throws PortInUseError when a port is taken; Error naming the emulator that failed otherwise
 */
export async function startEmulatorProcesses(
  options: EmulatorProcessOptions,
): Promise<EmulatorEndpoints> {
  const entry = await bundleEmulatorEntry();
  const restoreDns = resolveLocalhostSubdomains();
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    restoreDns();
    await entry.remove();
  };
  try {
    const ports = await Promise.all(
      portsOf(options).map(([emulator, port]) => {
        const request: EmulatorRequest = {
          emulator,
          port,
          region: options.region,
          reportEmails: emulator === 'ses' && options.onEmailStored !== undefined,
          dropEmailBodies: options.dropEmailBodies === true,
        };
        const child = fork(entry.path, [JSON.stringify(request)], {
          cwd: projectRoot,
          execArgv: process.execArgv.filter((flag) => flag.startsWith('--cpu-prof')),
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        // A send to a process that just died fails here; its 'exit' settles the waiters.
        child.on('error', () => {});
        children.push(child);
        return awaitReady(child, request, options.onEmailStored);
      }),
    );
    const [sqsPort, sesPort, dynamoDbPort] = ports as [number, number, number];
    return { ...toEndpoints(options.region, sqsPort, sesPort, dynamoDbPort), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portsOf(options: EmulatorOptions): [EmulatorName, number][] {
  return [
    ['sqs', options.sqsPort],
    ['ses', options.sesPort],
    ['dynamodb', options.dynamoDbPort ?? 0],
  ];
}

function toEndpoints(region: string, sqsPort: number, sesPort: number, dynamoDbPort: number) {
  return {
    sqsEndpoint: `http://sqs.${region}.localhost:${sqsPort}`,
    sesEndpoint: `http://localhost:${sesPort}`,
    dynamoDbEndpoint: `http://127.0.0.1:${dynamoDbPort}`,
  };
}

function running(server: Server, port: number): RunningEmulator {
  return { port, stop: () => closeServer(server) };
}

function addressPort(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * Bundles the emulator processes' entry with esbuild, packages left as imports: plain
 * JavaScript starts in a fraction of the time tsx takes (about 1.5 s of CPU per process).
 * The file goes under `node_modules/.cache`, where its imports resolve to the packages.
 */
async function bundleEmulatorEntry(): Promise<{ path: string; remove(): Promise<void> }> {
  const { build } = await import('esbuild');
  const cache = join(projectRoot, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const directory = await mkdtemp(join(cache, 'signup-mailer-emulators-'));
  const remove = () => rm(directory, { recursive: true, force: true });
  const path = join(directory, 'emulator-process.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('emulator-process.ts', import.meta.url))],
    outfile: path,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  }).catch(async (error: unknown) => {
    await remove();
    throw error;
  });
  return { path, remove };
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
    child.on('message', (message: EmulatorMessage) => {
      if (message.type === 'email') onEmailStored?.({ to: message.to, at: message.at });
      else if (message.type === 'ready') {
        child.off('exit', onExit);
        resolve(message.port);
      } else if (message.portInUse) reject(new PortInUseError(request.emulator, request.port));
      else reject(new Error(`The ${request.emulator} emulator failed to start: ${message.error}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // SIGTERM lets `--cpu-prof` write its profile; the emulators hold nothing to save.
  child.kill('SIGTERM');
  await exited;
}
