import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP request as the local server received it, body fully read. */
export interface RawHttpRequest {
  /** Request method, e.g. `POST`. */
  readonly method: string;
  /** Request target as sent, path and query, e.g. `/confirm?token=abc`. */
  readonly url: string;
  /** Headers with every value kept apart (node's `headersDistinct`); names lower-cased. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The request body; empty when there is none. */
  readonly body: Buffer;
  /** Address of the client, e.g. `127.0.0.1`. */
  readonly sourceIp: string;
  /** HTTP version, e.g. `HTTP/1.1`. */
  readonly protocol: string;
  /** When the request arrived; defaults to now. */
  readonly receivedAt?: Date;
}

/** Options of {@link toApiGatewayEvent}. */
export interface ApiGatewayEventOptions {
  /** The route key to report, e.g. `POST /signup`; HTTP API's catch-all route is `$default`. */
  readonly routeKey?: string;
}

// The content types an HTTP API passes as text. The docs name none ("If the content type of
// the request is binary, the body is base64-encoded"); this is the list two AWS emulators
// checked against AWS (ministack PR #766, floci PR #2203): forms and `+json` types, for
// one, arrive base64-encoded.
const textContentType = /^(?:text\/[^;\s]+|application\/(?:json|xml|javascript))\s*(?:;|$)/;

const monthNames = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * Turns an HTTP request into the event an HTTP API gives a Lambda integration in
 * payload format 2.0, so the unmodified API handler runs locally.
 *
 * Follows "Working with AWS Lambda proxy integrations for HTTP APIs" (API Gateway docs):
 * header names lower-cased and repeated values joined with commas; `Cookie` headers moved
 * to `cookies`; query values decoded and repeated ones joined with commas; the body a
 * string, base64-encoded (`isBase64Encoded`) unless it is text: a text content type and
 * valid UTF-8. A text payload is UTF-8 and anything else is binary (API Gateway docs, "Binary
 * media types"), so the function gets the bytes that were sent, never a decoding with U+FFFD
 * in place of bad bytes.
 *
 * @param request - the received request
 * @param options - the route key to report (default `$default`)
 * @returns the payload format 2.0 event
 */
export function toApiGatewayEvent(
  request: RawHttpRequest,
  options: ApiGatewayEventOptions = {},
): APIGatewayProxyEventV2 {
  const receivedAt = request.receivedAt ?? new Date();
  const routeKey = options.routeKey ?? '$default';
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const headers = joinHeaders(request);
  const cookies = (request.headers.cookie ?? [])
    .flatMap((value) => value.split(';').map((cookie) => cookie.trim()))
    .filter((cookie) => cookie !== '');
  const host = headers.host ?? 'localhost';
  const isText = isTextContentType(headers['content-type']) && isUtf8(request.body);
  const hasBody = request.body.length > 0;

  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(rawQueryString === '' ? {} : { queryStringParameters: parseQuery(rawQueryString) }),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: createRequestId(),
      routeKey,
      stage: '$default',
      time: formatRequestTime(receivedAt),
      timeEpoch: receivedAt.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
}

/** Creates a request id in API Gateway's style (14 base64 characters ending in `=`). */
export function createRequestId(): string {
  return randomBytes(10).toString('base64').slice(0, 13).concat('=');
}

function joinHeaders(request: RawHttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headers)) {
    if (name === 'cookie' || values === undefined) continue;
    headers[name.toLowerCase()] = values.join(',');
  }
  // API Gateway adds these for its integrations; the local server is the "proxy" here.
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  return headers;
}

function parseQuery(rawQueryString: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const previous = parameters[name];
    parameters[name] = previous === undefined ? value : `${previous},${value}`;
  }
  return parameters;
}

function isTextContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && textContentType.test(contentType.trim().toLowerCase());
}

/** Formats a time as API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000` (UTC). */
function formatRequestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = pad(date.getUTCDate());
  const month = monthNames[date.getUTCMonth()];
  const clock = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(pad);
  return `${day}/${month}/${date.getUTCFullYear()}:${clock.join(':')} +0000`;
}
