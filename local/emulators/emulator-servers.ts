/**
 * The emulators' servers, one function each, their packages imported only when started: an
 * emulator process loads the one package it runs (each takes about 0.5 s of CPU to load).
 */
import type { Server } from 'node:http';
import type { FauxqsServer } from 'fauxqs';
import { listenOn } from '../api-gateway/api-server.js';

/**
 * Starts the SQS emulator (fauxqs) in this process, its logger off.
 *
 * @param port - TCP port; 0 picks a free one
 * @param region - the region its queue URLs name
 * @throws the `listen` error when the port is taken
 */
export async function startSqsEmulator(port: number, region: string): Promise<FauxqsServer> {
  const { startFauxqs } = await import('fauxqs');
  return startFauxqs({ port, logger: false, defaultRegion: region });
}

/**
 * Starts the SES v2 emulator (aws-ses-v2-local) and its web inbox in this process, on
 * `localhost`.
 *
 * @param port - TCP port; 0 picks a free one
 * @throws the `listen` error when the port is taken
 */
export async function startSesEmulatorServer(port: number): Promise<Server> {
  const module = await import('aws-ses-v2-local');
  // CommonJS with a `default` export: from ESM the default import is the module object.
  const emulatorModule = module.default as unknown as {
    default?: typeof module.default;
  } & typeof module.default;
  const startSesEmulator = emulatorModule.default ?? emulatorModule;
  return startSesEmulator({ port, host: 'localhost' });
}

/**
 * Starts the DynamoDB emulator (dynalite, in memory) in this process on 127.0.0.1, with
 * tables ACTIVE at once rather than after dynalite's default simulated delays.
 *
 * @param port - TCP port; 0 picks a free one
 * @throws the `listen` error when the port is taken
 */
export async function startDynamoDbEmulator(port: number): Promise<Server> {
  const { default: dynalite } = await import('dynalite');
  const dynamoDb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await listenOn(dynamoDb, port, '127.0.0.1');
  return dynamoDb;
}

/** The SQS endpoint fauxqs's queue URLs use: `http://sqs.<region>.localhost:<port>`. */
export function toSqsEndpoint(region: string, port: number): string {
  return `http://sqs.${region}.localhost:${port}`;
}

/** The SES v2 endpoint (and web inbox) on a port. */
export function toSesEndpoint(port: number): string {
  return `http://localhost:${port}`;
}

/** The DynamoDB endpoint on a port: an IP, so new connections need no name lookup. */
export function toDynamoDbEndpoint(port: number): string {
  return `http://127.0.0.1:${port}`;
}
