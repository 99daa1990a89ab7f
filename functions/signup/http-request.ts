import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The parts of an API Gateway request the routes use, whatever the payload format. */
export interface HttpRequest {
  /** Upper-case method, e.g. `POST`. */
  readonly method: string;
  /** Path without the stage prefix and without a trailing slash, e.g. `/signup`. */
  readonly path: string;
  /** Headers with lower-case names (RFC 9110 §5.1: field names are case-insensitive). */
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters, decoded. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The body as API Gateway passed it (maybe base64), or undefined when there is none. */
  readonly body: string | undefined;
  /** Whether `body` is base64-encoded. */
  readonly isBase64Encoded: boolean;
  /** API Gateway's request id, for logs. */
  readonly requestId: string | undefined;
}

/**
 * Reads an HTTP API payload format 2.0 event into an {@link HttpRequest}.
 *
 * @param event - the API Gateway event
 */
export function readHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const stage = event.requestContext?.stage;
  return {
    method: (event.requestContext?.http?.method ?? 'GET').toUpperCase(),
    path: normalizePath(event.rawPath ?? event.requestContext?.http?.path ?? '/', stage),
    headers: lowerCaseHeaders(event.headers),
    query: { ...event.queryStringParameters },
    body: event.body ?? undefined,
    isBase64Encoded: event.isBase64Encoded === true,
    requestId: event.requestContext?.requestId,
  };
}

/**
 * Drops a named stage's prefix (HTTP APIs keep it in `rawPath` unless the stage is `$default`)
 * and a trailing slash, so `/prod/signup/` routes like `/signup`.
 */
function normalizePath(path: string, stage: string | undefined): string {
  let result = path;
  if (
    stage &&
    stage !== '$default' &&
    (result === `/${stage}` || result.startsWith(`/${stage}/`))
  ) {
    result = result.slice(stage.length + 1);
  }
  result = result.replace(/\/+$/, '');
  return result === '' ? '/' : result;
}

function lowerCaseHeaders(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
): Record<string, string> {
  // No prototype: a header named `constructor` or `__proto__` must be data, not inherited state.
  const result: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // Repeated fields combine with a comma (RFC 9110 §5.3), as payload 2.0 does itself.
    result[key] = Object.hasOwn(result, key) ? `${result[key]}, ${value}` : value;
  }
  return result;
}
