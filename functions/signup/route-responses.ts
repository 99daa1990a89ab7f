import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { settings } from '../../lib/settings.js';
import { ConfigurationError } from '../commons/errors.js';
import type { RouteDependencies } from './dependencies.js';
import type { HttpRequest } from './http-request.js';
import { logger } from './logger.js';
import { createProblem, type Problem, respondWithProblem } from './problem.js';

/**
 * The 503 problem and its `Retry-After` header (RFC 9110 §10.2.3, in seconds:
 * `settings.api.retryAfterSeconds`), for a dependency that failed and may recover.
 *
 * @param detail - what could not be done; generic, the cause is logged
 */
export function createServiceUnavailable(detail: string): {
  problem: Problem;
  headers: Record<string, string>;
} {
  const { retryAfterSeconds } = settings.api;
  return {
    problem: createProblem(
      'service-unavailable',
      `${detail} Try again in ${retryAfterSeconds} seconds.`,
    ),
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

/**
 * 503 with `Retry-After`, for a dependency that failed and may recover; see
 * {@link createServiceUnavailable}.
 *
 * @param detail - what could not be done
 */
export function respondServiceUnavailable(detail: string): APIGatewayProxyStructuredResultV2 {
  const { problem, headers } = createServiceUnavailable(detail);
  return respondWithProblem(problem, headers);
}

/** 500 with a generic detail, for a fault of ours; the cause is logged, never returned. */
export function respondInternalError(): APIGatewayProxyStructuredResultV2 {
  return respondWithProblem(
    createProblem('internal-error', 'Something went wrong on our side. Try again later.'),
  );
}

/**
 * Resolves the token key, or the response to give when it cannot be had: 500 for a
 * misconfigured secret (retrying cannot help), 503 when Secrets Manager fails.
 *
 * @param request - the request, for the log's request id
 * @param dependencies - the token key resolver
 */
export async function resolveTokenSecretOrRespond(
  request: HttpRequest,
  dependencies: RouteDependencies,
): Promise<
  { ok: true; secret: string } | { ok: false; response: APIGatewayProxyStructuredResultV2 }
> {
  try {
    return { ok: true, secret: await dependencies.resolveTokenSecret() };
  } catch (error) {
    logger.error('Token secret is unavailable', { requestId: request.requestId, error });
    const response =
      error instanceof ConfigurationError
        ? respondInternalError()
        : respondServiceUnavailable('The service is temporarily unavailable.');
    return { ok: false, response };
  }
}
