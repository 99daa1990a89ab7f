import type { AddressInfo } from 'node:net';
import { type FauxqsServer, interceptLocalhostDns } from 'fauxqs';
import { closeServer } from '../api-gateway/api-server.js';
import {
  startDynamoDbEmulator,
  startSesEmulatorServer,
  startSqsEmulator,
  toDynamoDbEndpoint,
  toSesEndpoint,
  toSqsEndpoint,
} from './emulator-servers.js';

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
    const sqs = await startSqsEmulator(options.sqsPort, options.region);
    const ses = await startSesEmulatorServer(options.sesPort).catch(async (error: unknown) => {
      await sqs.stop();
      throw error;
    });
    const dynamoDb = await startDynamoDbEmulator(options.dynamoDbPort ?? 0).catch(
      async (error: unknown) => {
        await Promise.all([sqs.stop(), closeServer(ses)]);
        throw error;
      },
    );
    return {
      sqs,
      sqsEndpoint: toSqsEndpoint(options.region, sqs.port),
      sesEndpoint: toSesEndpoint((ses.address() as AddressInfo).port),
      dynamoDbEndpoint: toDynamoDbEndpoint((dynamoDb.address() as AddressInfo).port),
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

/**
 * Resolves `*.localhost` to 127.0.0.1 in this process (fauxqs's `interceptLocalhostDns`)
 * until as many {@link releaseLocalhostDns} calls have been made: the SQS client sends to
 * the host of fauxqs's queue URLs, `sqs.<region>.localhost`.
 */
export function acquireLocalhostDns(): void {
  if (dnsUsers === 0) restoreDns = interceptLocalhostDns();
  dnsUsers += 1;
}

/** Ends one {@link acquireLocalhostDns}; the last restores the resolver. */
export function releaseLocalhostDns(): void {
  dnsUsers -= 1;
  if (dnsUsers === 0) restoreDns?.();
}
