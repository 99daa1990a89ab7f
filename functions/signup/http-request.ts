import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/** The parts of an API Gateway request the routes use, whatever the payload format. */
export interface HttpRequest {
  /** Upper-case method, e.g. `POST`. */
  readonly method: string;
  /**
   * Path without the stage prefix and without a trailing slash, e.g. `/signup`; empty when
   * the event has none (a direct invoke), so it matches no route, not even `/`.
   */
  readonly path: string;
  /** Headers with lower-case names (RFC 9110 §5.1: field names are case-insensitive). */
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters, decoded; repeated ones joined with `,`. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The body as API Gateway passed it (maybe base64), or undefined when there is none. */
  readonly body: string | undefined;
  /** Whether `body` is base64-encoded. */
  readonly isBase64Encoded: boolean;
  /** API Gateway's request id, for logs. */
  readonly requestId: string | undefined;
}

/** An API Gateway proxy event: HTTP API payload format 2.0, or REST API / payload format 1.0. */
export type ApiGatewayProxyEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

/**
 * Reads an API Gateway proxy event into an {@link HttpRequest}, whichever payload format it
 * has: 1.0 (REST APIs, and HTTP APIs set to it) carries `httpMethod`, 2.0 carries
 * `version: "2.0"` and `requestContext.http` (API Gateway developer guide, "Create AWS Lambda
 * proxy integrations for HTTP APIs", payload format versions). Header names are lower-cased,
 * and repeated headers or query parameters joined with `,` in both, as 2.0 does.
 *
 * The event is narrowed member by member rather than trusted: a direct invoke or a test may
 * send a partial or odd event, and that must be a 4xx, not a crash.
 *
 * @param event - the API Gateway event
 */
export function readHttpRequest(event: ApiGatewayProxyEvent): HttpRequest {
  const raw = asRecord(event);
  const context = asRecord(raw.requestContext);
  const http = asRecord(context.http);
  const stage = asString(context.stage);
  const isFormat1 = typeof raw.httpMethod === 'string';
  const method = isFormat1 ? asString(raw.httpMethod) : asString(http.method);
  const path = isFormat1 ? asString(raw.path) : (asString(raw.rawPath) ?? asString(http.path));
  return {
    method: (method ?? 'GET').toUpperCase(),
    path: path === undefined ? '' : normalizePath(path, stage),
    headers: combineValues(
      isFormat1 && raw.multiValueHeaders ? raw.multiValueHeaders : raw.headers,
      true,
    ),
    query: combineValues(
      isFormat1 && raw.multiValueQueryStringParameters
        ? raw.multiValueQueryStringParameters
        : raw.queryStringParameters,
      false,
    ),
    body: asString(raw.body),
    isBase64Encoded: raw.isBase64Encoded === true,
    requestId: asString(context.requestId),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Drops a named stage's prefix (HTTP APIs keep it in the path unless the stage is `$default`;
 * REST APIs leave it out of `path`) and a trailing slash, so `/prod/signup/` routes like `/signup`.
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

/**
 * Flattens a single- or multi-value map (`headers` / `multiValueHeaders`, and the query
 * equivalents) into one string per name; repeated values are joined with `,` (RFC 9110 §5.3).
 * Header names are lower-cased (RFC 9110 §5.1: field names are case-insensitive).
 */
function combineValues(map: unknown, lowerCaseNames: boolean): Record<string, string> {
  // No prototype: a header named `constructor` or `__proto__` must be data, not inherited state.
  const result: Record<string, string> = Object.create(null);
  for (const [name, entry] of Object.entries(asRecord(map))) {
    const values = (Array.isArray(entry) ? entry : [entry]).filter(
      (value) => typeof value === 'string',
    );
    if (values.length === 0) continue;
    const key = lowerCaseNames ? name.toLowerCase() : name;
    const joined = values.join(lowerCaseNames ? ', ' : ',');
    result[key] = Object.hasOwn(result, key)
      ? `${result[key]}${lowerCaseNames ? ', ' : ','}${joined}`
      : joined;
  }
  return result;
}
