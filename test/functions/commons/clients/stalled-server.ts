import { createServer, type Socket } from 'node:net';

/** A TCP server that accepts every connection and never answers: a stalled AWS endpoint. */
export interface StalledServer {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_*` or a queue URL. */
  readonly endpoint: string;
  /** Connections accepted so far: one per attempt of an SDK call. */
  connections(): number;
  /** Closes the server and every connection. */
  stop(): Promise<void>;
}

/** Starts a {@link StalledServer} on a free port. */
export async function startStalledServer(): Promise<StalledServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    connections: () => connections,
    stop() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
