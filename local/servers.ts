import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What listens on a port the local stack is given: the API, or an emulator. */
export type LocalService = 'api' | 'sqs' | 'ses' | 'dynamodb';

const serviceNames: Record<LocalService, string> = {
  api: 'HTTP API',
  sqs: 'SQS emulator',
  ses: 'SES v2 emulator and inbox',
  dynamodb: 'DynamoDB emulator',
};

/** The variable that sets the port of each service `npm start` listens on. */
export const portVariables = {
  api: 'PORT',
  ses: 'INBOX_PORT',
  sqs: 'SQS_PORT',
} as const satisfies Partial<Record<LocalService, string>>;

/**
 * Reads a port variable: an integer from 0 (any free port) to 65535.
 *
 * @param name - `PORT`, `INBOX_PORT` or `SQS_PORT`
 * @param fallback - the port when the variable is unset or empty
 * @param env - the environment
 * @throws RangeError naming the variable when it is not a port
 */
export function readPort(
  name: (typeof portVariables)[keyof typeof portVariables],
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`${name} must be a port from 0 (any free one) to 65535, not "${value}"`);
  }
  return port;
}

/** A port the local stack was told to use while another process holds it (`EADDRINUSE`). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  /**
   * @param service - what was to listen there
   * @param port - the port
   */
  constructor(
    readonly service: LocalService,
    readonly port: number,
  ) {
    super(`port ${port} (the ${serviceNames[service]}) is already in use`);
  }
}

/**
 * Turns a `listen` error into a {@link PortInUseError} when the port was taken.
 *
 * @param error - what `listen` (or an emulator's start) threw
 * @param service - what was to listen
 * @param port - the port asked for
 * @returns the PortInUseError, or the error as it was
 */
export function toPortInUseError(error: unknown, service: LocalService, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' ? new PortInUseError(service, port) : error;
}

/**
 * Starts a server listening and tells the port it got.
 *
 * @param server - a server not yet listening
 * @param port - the TCP port; 0 picks a free one
 * @param host - the interface to bind, e.g. `localhost`
 * @returns the bound port
 * @throws the `listen` error, e.g. `EADDRINUSE`
 */
export async function listenOn(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * Closes a server, dropping idle keep-alive connections so it stops at once.
 *
 * @param server - a listening server
 */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeIdleConnections();
  await closed;
}
