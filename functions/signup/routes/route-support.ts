import { ConfigurationError } from '../../commons/errors.js';
import { EnqueueFailedError } from '../accounts/email-jobs.js';
import type { SignupServices } from '../config.js';
import { internalError, ProblemError, serviceUnavailable } from '../http/problem.js';
import { logger } from '../logger.js';

/** Keys of a request's log lines: API Gateway's request id, the masked domain once known. */
export type LogKeys = Record<string, string | undefined>;

/** How to log and answer a failure of a route's work; see {@link toProblemError}. */
export interface FailureContext {
  readonly logKeys: LogKeys;
  /** The log line of a failed dependency, e.g. `The accounts table refused the signup`. */
  readonly logMessage: string;
  /**
   * What the 503 says could not be done.
   * @default 'The service is temporarily unavailable.'
   */
  readonly detail?: string;
  /** The 503's `Retry-After`, in seconds. */
  readonly retryAfterSeconds: number;
}

/**
 * Turns what a route's work threw into the problem to answer, logging it here, once, with
 * the request's keys and the cause (never in the answer). A ProblemError is answered as it
 * is. A misconfigured token secret is a 500: retrying cannot help. Anything else is a
 * dependency that failed (SQS refused the job after its write was undone, DynamoDB or
 * Secrets Manager failed): a 503 with `Retry-After`, since a retry may work.
 *
 * @param error - what the work threw
 * @param context - log keys and message, the 503's detail and `Retry-After`
 */
export function toProblemError(error: unknown, context: FailureContext): ProblemError {
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
 * The token key, resolved at first use (so `/health` answers while Secrets Manager cannot).
 *
 * @param services - the resolver and `Retry-After`
 * @param logKeys - the request's log keys
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
