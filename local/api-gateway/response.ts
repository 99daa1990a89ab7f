/** An HTTP response ready to be written by the local server. */
export interface HttpResponse {
  /** HTTP status code, 100 to 599. */
  readonly statusCode: number;
  /** Response headers (not `Set-Cookie`, see `cookies`). */
  readonly headers: Readonly<Record<string, string>>;
  /** One `Set-Cookie` header each. */
  readonly cookies: readonly string[];
  /** The response body, decoded. */
  readonly body: Buffer;
}

/**
 * An answer of API Gateway itself, in its format `{"message": ...}`: 404 `Not Found` for no
 * route, 413 `Request Entity Too Large`, and 500 `Internal Server Error` when the
 * integration fails or returns a malformed response. So a client sees locally what it would
 * see in AWS.
 *
 * @param statusCode - the status
 * @param message - API Gateway's message for it
 */
export function createGatewayResponse(statusCode: number, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** API Gateway's 500, for a function that failed or answered something malformed. */
export const internalServerError = () => createGatewayResponse(500, 'Internal Server Error');

/**
 * Maps a Lambda result in payload format 2.0 to an HTTP response, as an HTTP API does.
 *
 * A result with a `statusCode` is structured: `headers`, `cookies` (each becomes a
 * `Set-Cookie` header), `body`, and `isBase64Encoded` (body decoded before sending). Any
 * other result is inferred: status 200, `content-type: application/json`, and the result as
 * the body (a string as it is, anything else as JSON). Source: API Gateway docs, "Working with
 * AWS Lambda proxy integrations for HTTP APIs", format 2.0 response.
 *
 * @param result - what the handler resolved to; unknown, as it comes from another module
 * @returns the response; a 500 like API Gateway's when a structured result is malformed
 */
export function toHttpResponse(result: unknown): HttpResponse {
  if (!isRecord(result) || !('statusCode' in result)) return inferResponse(result);
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  if (!isStatusCode(statusCode) || !isRecord(headers) || typeof isBase64Encoded !== 'boolean') {
    return internalServerError();
  }
  if (typeof body !== 'string' || !isStringArray(cookies)) return internalServerError();
  const headerEntries = Object.entries(headers).filter(
    (entry): entry is [string, string | number | boolean] =>
      ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return {
    statusCode,
    headers: Object.fromEntries(headerEntries.map(([name, value]) => [name, String(value)])),
    cookies,
    body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'),
  };
}

function inferResponse(result: unknown): HttpResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null')),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatusCode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
