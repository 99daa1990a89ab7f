import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listenOn } from '../servers.js';

/** A request the proxy received, body fully read. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v2/email/outbound-emails`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Whether the client's connection is gone (its process died, or it was dropped). */
  isAbandoned(): boolean;
}

/** A response, body fully read. */
export interface ProxiedResponse {
  readonly statusCode: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Decides the answer to one request: the target's (call `forward`), one of its own, or
 * `'hold'`, which never answers, as a process that died mid-call never hears back.
 */
export type Interceptor = (
  request: ProxiedRequest,
  forward: () => Promise<ProxiedResponse>,
) => Promise<ProxiedResponse | 'hold'>;

/** Options of {@link startForwardingProxy}. */
export interface ForwardingProxyOptions {
  /** Base URL of the service behind the proxy, e.g. `http://localhost:8005`. */
  readonly target: string;
  readonly intercept: Interceptor;
}

/** A running proxy. */
export interface ForwardingProxy {
  /** Base URL to point a client at, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Cuts every open connection, as the death of the client process would. */
  dropConnections(): void;
  stop(): Promise<void>;
}

// Response headers that describe the hop, not the body; rewritten for the buffered body.
const hopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * Starts an HTTP proxy on a free local port that hands each request to an interceptor,
 * which may forward it to the target, answer it itself, or hold it. The request and
 * response bodies are buffered, which suits the small JSON calls of AWS APIs.
 *
 * @param options - the target and the interceptor
 * @returns the proxy's URL and controls
 * @throws the `listen` error
 */
export async function startForwardingProxy(
  options: ForwardingProxyOptions,
): Promise<ForwardingProxy> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const server = createServer((incoming, outgoing) => {
    void readRequest(incoming)
      .then((request) => options.intercept(request, () => forwardRequest(target, agent, request)))
      .then((response) => {
        if (response === 'hold' || outgoing.destroyed) return;
        outgoing.writeHead(response.statusCode, {
          ...withoutHopHeaders(response.headers),
          'content-length': String(response.body.length),
        });
        outgoing.end(response.body);
      })
      .catch(() => outgoing.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // An IP, not `localhost`: a name costs every new connection a getaddrinfo call on libuv's
  // small thread pool, which under load delays the calls by seconds.
  const port = await listenOn(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
      agent.destroy();
    },
  };
}

function readRequest(incoming: IncomingMessage): Promise<ProxiedRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', reject);
    incoming.on('end', () =>
      resolve({
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        isAbandoned: () => incoming.socket.destroyed,
      }),
    );
  });
}

function forwardRequest(
  target: URL,
  agent: Agent,
  request: ProxiedRequest,
): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
        agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            statusCode: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function withoutHopHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !hopHeaders.has(name.toLowerCase())),
  );
}
