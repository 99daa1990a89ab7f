import { ConfigurationError } from '../../commons/errors.js';
import { EnqueueFailedError } from '../accounts/email-jobs.js';
import type { SignupServices } from '../config.js';
import { internalError, ProblemError, serviceUnavailable } from '../http/problem.js';
import { logger } from '../logger.js';

/** Keys of a request's log lines: API Gateway's request id, the masked domain once known. */
export type LogKeys = Record<string, string | undefined>;

/**
 * Turns what a route's work threw into the problem to answer, logging the cause here, once,
 * never in the answer. A ProblemError stays as it is; a misconfigured token secret is a 500
 * (a retry cannot help); anything else is a failed dependency: a 503 with `Retry-After`.
 *
 * @param context - the request's log keys, the log line of a failed dependency, the 503's
 *   detail (@default 'The service is temporarily unavailable.') and `Retry-After` in seconds
 */
export function toProblemError(
  error: unknown,
  context: {
    readonly logKeys: LogKeys;
    readonly logMessage: string;
    readonly detail?: string;
    readonly retryAfterSeconds: number;
  },
): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof EnqueueFailedError) {
    const { jobId, cause } = error;
    logger.error('SQS refused the email job', { ...context.logKeys, jobId, error: cause });
  } else {
    logger.error(context.logMessage, { ...context.logKeys, error });
  }
  return error instanceof ConfigurationError
    ? internalError(error)
    : serviceUnavailable(
        context.detail ?? 'The service is temporarily unavailable.',
        context.retryAfterSeconds,
        error,
      );
}

/**
 * The token key, resolved at first use.
 *
 * @throws ProblemError: 503 when Secrets Manager fails, 500 when the secret holds no key
 */
export async function resolveTokenKey(services: SignupServices, logKeys: LogKeys): Promise<string> {
  try {
    return await services.resolveTokenKey();
  } catch (error) {
    throw toProblemError(error, {
      logKeys,
      logMessage: 'Token secret is unavailable',
      retryAfterSeconds: services.config.retryAfterSeconds,
    });
  }
}
