import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createCorsHeaders, isPreflight } from './cors.js';
import { toApiGatewayEvent } from './request-event.js';
import {
  createGatewayResponse,
  type HttpResponse,
  internalServerError,
  toHttpResponse,
} from './response.js';

/**
 * Largest request body the local server reads, in bytes (1 MiB). It only protects the
 * process from buffering huge uploads: API Gateway's own limit is 10 MB, and the handler
 * enforces the product's far smaller limit (`settings.api.maxBodyBytes`) itself.
 */
export const defaultMaxRequestBytes = 1024 * 1024;

/** Options of {@link createApiServer}. */
export interface ApiServerOptions {
  /** Invokes the API function with a payload format 2.0 event; resolves to its raw result. */
  readonly invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>;
  /** Largest request body read, in bytes. @default defaultMaxRequestBytes */
  readonly maxRequestBytes?: number;
  /**
   * Route keys of the API, e.g. `POST /signup`. A request matching none gets API Gateway's
   * 404 without invoking the handler, as with the deployed routes; without routes every
   * request goes to the handler with route key `$default`.
   */
  readonly routes?: readonly string[];
  /**
   * Browser origins allowed to call the API (`*` for any), as the stack's `corsOrigins`: the
   * server answers preflights and adds CORS headers as API Gateway does.
   * @default - none: no CORS, and a preflight matches no route
   */
  readonly corsOrigins?: readonly string[];
  /** Reports a handler that threw; the client only gets API Gateway's generic 500. @default console.error */
  readonly onError?: (error: unknown) => void;
}

/**
 * Creates an HTTP server that plays API Gateway (HTTP API, payload format 2.0) in front of
 * a Lambda handler: each request becomes an event, each result a response.
 *
 * @param options - the function to invoke, the body limit and the error reporter
 * @returns the server, not yet listening (see `listenOn`)
 */
export function createApiServer(options: ApiServerOptions): Server {
  return createServer((request, response) => {
    handleRequest(request, response, options).catch((error: unknown) => {
      (options.onError ?? console.error)(error);
      if (!response.headersSent) writeResponse(response, internalServerError());
    });
  });
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiServerOptions,
): Promise<void> {
  const receivedAt = new Date();
  const limit = options.maxRequestBytes ?? defaultMaxRequestBytes;
  const corsOrigins = options.corsOrigins ?? [];
  if (corsOrigins.length > 0 && isPreflight(request)) {
    request.resume();
    const headers = createCorsHeaders(request, corsOrigins, true);
    writeResponse(response, { statusCode: 204, headers, cookies: [], body: Buffer.alloc(0) });
    return;
  }
  const corsHeaders = corsOrigins.length > 0 ? createCorsHeaders(request, corsOrigins, false) : {};
  const routeKey = matchRoute(request, options.routes);
  if (routeKey === undefined) {
    request.resume();
    writeResponse(response, createGatewayResponse(404, 'Not Found'));
    return;
  }
  const body = await readBody(request, limit);
  if (body === undefined) {
    writeResponse(response, createGatewayResponse(413, 'Request Entity Too Large'), {
      connection: 'close',
    });
    return;
  }
  const event = toApiGatewayEvent(
    {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headersDistinct,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${request.httpVersion}`,
      receivedAt,
    },
    { routeKey },
  );
  const requestIdHeader = { 'apigw-requestid': event.requestContext.requestId };
  let result: unknown;
  try {
    result = await options.invoke(event);
  } catch (error) {
    (options.onError ?? console.error)(error);
    writeResponse(response, internalServerError(), requestIdHeader);
    return;
  }
  writeResponse(response, toHttpResponse(result), { ...requestIdHeader, ...corsHeaders });
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops keeping data and
 * resolves `undefined`; the rest of the upload is discarded, never buffered.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keepChunk = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', keepChunk);
      request.resume();
      resolve(undefined);
    };
    request.on('data', keepChunk);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The route key a request matches (`METHOD /path`, exact path); `$default` when there are no routes. */
function matchRoute(request: IncomingMessage, routes: readonly string[] | undefined) {
  if (routes === undefined) return '$default';
  const path = (request.url ?? '/').split('?')[0];
  const routeKey = `${request.method} ${path}`;
  return routes.includes(routeKey) ? routeKey : undefined;
}

function writeResponse(
  response: ServerResponse,
  { statusCode, headers, cookies, body }: HttpResponse,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(statusCode, {
    ...headers,
    ...extraHeaders,
    ...(cookies.length > 0 ? { 'set-cookie': [...cookies] } : {}),
    'content-length': String(body.length),
  });
  response.end(body);
}
