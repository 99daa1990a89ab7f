import type { IncomingMessage } from 'node:http';
import { apiCors } from '../../lib/api-routes.js';
import { assertOrigin } from '../../lib/validation.js';

/**
 * Reads `CORS_ORIGINS` as the stack's `corsOrigins`: comma-separated origins, or `*`.
 *
 * @param value - the variable, if set
 * @returns the origins; empty when CORS is off
 * @throws Error naming an entry that is not an origin
 */
export function parseCorsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter((origin) => origin !== '');
  for (const origin of origins) assertOrigin('CORS_ORIGINS', origin);
  return origins;
}

/**
 * The CORS headers API Gateway gives an answer to this request, as an HTTP API with
 * `corsPreflight` does (`apiCors` and the allowed origins): none unless the request's `Origin`
 * is allowed. In AWS they replace any CORS header the function returns; the function returns
 * none.
 *
 * @param request - the request
 * @param origins - the allowed origins (`*` for any)
 * @param preflight - whether the answer is to a preflight (then with the allowed methods,
 *   headers and max age)
 */
export function createCorsHeaders(
  request: IncomingMessage,
  origins: readonly string[],
  preflight: boolean,
): Record<string, string> {
  const origin = request.headers.origin;
  const anyOrigin = origins.includes('*');
  if (origin === undefined || !(anyOrigin || origins.includes(origin))) return {};
  const allowOrigin = { 'access-control-allow-origin': anyOrigin ? '*' : origin };
  if (!preflight) {
    return { ...allowOrigin, 'access-control-expose-headers': apiCors.exposeHeaders.join(',') };
  }
  return {
    ...allowOrigin,
    'access-control-allow-methods': apiCors.allowMethods.join(','),
    'access-control-allow-headers': apiCors.allowHeaders.join(','),
    'access-control-max-age': String(apiCors.maxAgeSeconds),
  };
}

/** Whether a request is a CORS preflight: `OPTIONS` with `Origin` and the method it asks for. */
export function isPreflight(request: IncomingMessage): boolean {
  const { origin, 'access-control-request-method': method } = request.headers;
  return request.method === 'OPTIONS' && origin !== undefined && method !== undefined;
}
