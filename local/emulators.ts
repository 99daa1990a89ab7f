import type { AddressInfo } from 'node:net';
import sesEmulatorModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';
import { type FauxqsServer, interceptLocalhostDns, startFauxqs } from 'fauxqs';
import { closeServer, listenOn } from './http-server.js';

/** Options of {@link startEmulators}. */
export interface EmulatorOptions {
  /** TCP port of the SQS emulator; 0 picks a free one. */
  readonly sqsPort: number;
  /** TCP port of the SES v2 emulator and its web inbox; 0 picks a free one. */
  readonly sesPort: number;
  /** Region the emulated services pretend to be in, e.g. `us-east-1`. */
  readonly region: string;
  /** TCP port of the DynamoDB emulator (the worker's idempotency table). @default 0 (free) */
  readonly dynamoDbPort?: number;
}

/** The running emulators. */
export interface Emulators {
  /** The SQS emulator, for inspection in tests. */
  readonly sqs: FauxqsServer;
  /** SQS endpoint, `http://sqs.<region>.localhost:<port>`, the host fauxqs puts in queue URLs. */
  readonly sqsEndpoint: string;
  /** SES v2 endpoint, also the web inbox (`GET /store` lists the emails sent). */
  readonly sesEndpoint: string;
  /** DynamoDB endpoint (dynalite, in memory). */
  readonly dynamoDbEndpoint: string;
  /** Stops the emulators. */
  stop(): Promise<void>;
}

// The package is CommonJS with a `default` export: from ESM the default import is the module object.
const startSesEmulator =
  (sesEmulatorModule as unknown as { default?: typeof sesEmulatorModule }).default ??
  sesEmulatorModule;

let dnsUsers = 0;
let restoreDns: (() => void) | undefined;

/**
 * Starts the SQS emulator (fauxqs), the SES v2 emulator (aws-ses-v2-local) and the DynamoDB
 * emulator (dynalite, in memory, tables ACTIVE at once) in this process.
 *
 * fauxqs names queues `http://sqs.<region>.localhost:<port>/...` and the SQS client sends to
 * that host, which does not resolve everywhere; so `*.localhost` is resolved to 127.0.0.1 in
 * this process while any emulators run (fauxqs's `interceptLocalhostDns`).
 *
 * @param options - the ports (0 = free) and region
 * @returns the emulators, their endpoints and `stop()`
 * @throws the `listen` error when a port is taken
 */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  acquireLocalhostDns();
  try {
    const sqs = await startFauxqs({
      port: options.sqsPort,
      logger: false,
      defaultRegion: options.region,
    });
    const ses = await startSesEmulator({ port: options.sesPort, host: 'localhost' }).catch(
      async (error: unknown) => {
        await sqs.stop();
        throw error;
      },
    );
    const dynamoDb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoDbPort = await listenOn(dynamoDb, options.dynamoDbPort ?? 0, '127.0.0.1').catch(
      async (error: unknown) => {
        await Promise.all([sqs.stop(), closeServer(ses)]);
        throw error;
      },
    );
    return {
      sqs,
      sqsEndpoint: `http://sqs.${options.region}.localhost:${sqs.port}`,
      sesEndpoint: `http://localhost:${(ses.address() as AddressInfo).port}`,
      dynamoDbEndpoint: `http://127.0.0.1:${dynamoDbPort}`,
      async stop() {
        await Promise.all([sqs.stop(), closeServer(ses), closeServer(dynamoDb)]);
        releaseLocalhostDns();
      },
    };
  } catch (error) {
    releaseLocalhostDns();
    throw error;
  }
}

function acquireLocalhostDns(): void {
  if (dnsUsers === 0) restoreDns = interceptLocalhostDns();
  dnsUsers += 1;
}

function releaseLocalhostDns(): void {
  dnsUsers -= 1;
  if (dnsUsers === 0) restoreDns?.();
}
