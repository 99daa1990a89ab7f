import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpRequest } from './http-request.js';
import { createProblem, respondWithProblem } from './problem.js';

/** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
export const preflightMaxAgeSeconds = 600;

/** Request headers a cross-origin caller may send: only what `POST /signup` needs. */
const allowedRequestHeaders = 'content-type';

/**
 * The CORS headers of an actual (non-preflight) response: `Access-Control-Allow-Origin` when
 * the request's `Origin` is allowed, and `Vary: Origin` whenever the answer depends on it
 * (WHATWG Fetch Standard §3.2, CORS protocol). Answered by the function, not only by API
 * Gateway's own CORS setting, so REST APIs and the local stack behave the same.
 *
 * @param request - the request
 * @param allowedOrigins - configured origins (`*` for any); empty turns CORS off
 */
export function createCorsHeaders(
  request: HttpRequest,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  const anyOrigin = allowedOrigins.includes('*');
  const vary: Record<string, string> = anyOrigin ? {} : { vary: 'Origin' };
  const origin = request.headers.origin;
  if (origin === undefined || !(anyOrigin || allowedOrigins.includes(origin))) return vary;
  return {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-expose-headers': 'Retry-After',
    ...vary,
  };
}

/**
 * Answers `OPTIONS` on a known path. A CORS preflight (with `Origin` and
 * `Access-Control-Request-Method`) from an allowed origin for a method the path has gets 204
 * with the allowed method and headers; from another origin, a 403 problem; for another
 * method, a 405 problem. A plain `OPTIONS` gets 204 with `Allow` (RFC 9110 §9.3.7).
 *
 * @param request - the `OPTIONS` request
 * @param methods - the methods the path answers
 * @param allowedOrigins - configured origins (`*` for any)
 */
export function respondToOptions(
  request: HttpRequest,
  methods: readonly string[],
  allowedOrigins: readonly string[],
): APIGatewayProxyStructuredResultV2 {
  const allow = [...methods, 'OPTIONS'].join(', ');
  const requestedMethod = request.headers['access-control-request-method'];
  if (request.headers.origin === undefined || requestedMethod === undefined) {
    return { statusCode: 204, headers: { allow }, body: '' };
  }
  const cors = createCorsHeaders(request, allowedOrigins);
  if (!('access-control-allow-origin' in cors)) {
    return respondWithProblem(
      createProblem('origin-not-allowed', 'This origin may not call the API from a browser.'),
      cors,
    );
  }
  if (!methods.includes(requestedMethod.trim().toUpperCase())) {
    return respondWithProblem(
      createProblem('method-not-allowed', `Use ${methods.join(', ')} on this resource.`),
      {
        allow,
        ...cors,
      },
    );
  }
  return {
    statusCode: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': methods.join(', '),
      'access-control-allow-headers': allowedRequestHeaders,
      'access-control-max-age': String(preflightMaxAgeSeconds),
    },
    body: '',
  };
}
