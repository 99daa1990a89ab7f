import { accessDeniedErrorNames, explainAccessDenied } from './access-denied.js';

/**
 * What the worker does with a failed job: `retry` it later (the message stays in the queue,
 * with backoff), or move it to the DLQ at once because no retry can help (`dead-letter`).
 */
export type FailureHandling = 'retry' | 'dead-letter';

/**
 * Errors no retry can fix: the job itself, the sender's setup or the account must change
 * first. Names from the Amazon SES API v2 Reference, `SendEmail` → Errors.
 *
 * - `MessageRejected` (400): the content or a recipient is refused (e.g. an unverified
 *   recipient in the sandbox, a virus).
 * - `MailFromDomainNotVerifiedException` (400): the MAIL FROM domain is not verified.
 * - `BadRequestException` (400): the request is invalid (e.g. a malformed address).
 * - `NotFoundException` (404): the configuration set or identity does not exist.
 * - `AccountSuspendedException` (400): sending is permanently restricted.
 * - `SendingPausedException` (400): sending is paused for the account or the configuration
 *   set, by its owner or by SES for reputation. Only a person can resume it, which takes
 *   longer than the few minutes of retries; so the job goes to the DLQ at once, with its
 *   reason, to be redriven when sending is resumed, rather than in five pointless tries.
 * - `InvalidEmailJobError`: this worker's own verdict on a message that is not a sendable
 *   job (not JSON, unknown template, props the template refuses, unusable recipient).
 *
 * IAM's refusals (`AccessDeniedException`, see `access-denied.ts`) are permanent too, under
 * their own rule: only a change to the worker's role or to the account's SES sandbox status
 * can fix them, and SES refuses before sending anything.
 */
const permanentErrorNames: ReadonlySet<string> = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
  'AccountSuspendedException',
  'SendingPausedException',
  'InvalidEmailJobError',
]);

/**
 * Errors known to pass: retried, with backoff.
 *
 * - `TooManyRequestsException` (429) and `LimitExceededException` (400): SES's maximum send
 *   rate or daily quota was reached; SES asks to wait and retry (SES Developer Guide,
 *   "Errors related to the sending quotas"). `Throttling`/`ThrottlingException` are the same
 *   condition under the names other AWS APIs (and SES v1) use.
 * - `InternalServiceErrorException`, `ConcurrentModificationException`: server faults.
 * - `TimeoutError` (the SDK's request timeout), `RequestTimeout`, and Node's network errors.
 * - `IdempotencyAlreadyInProgressError`: another invocation is sending this very job (SQS
 *   delivered it twice); retrying later finds its result.
 * - `IdempotencyPersistenceLayerError`, `IdempotencyInconsistentStateError`: the idempotency
 *   table could not be read or written; nothing was sent.
 */
const transientErrorNames: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'Throttling',
  'ThrottlingException',
  'InternalServiceErrorException',
  'ConcurrentModificationException',
  'TimeoutError',
  'RequestTimeout',
  'IdempotencyAlreadyInProgressError',
  'IdempotencyPersistenceLayerError',
  'IdempotencyInconsistentStateError',
]);

/** Node.js system error codes of a connection that failed or was cut (Node.js docs, "Common system errors"). */
const networkErrorCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Why an error was put in its class, for the logs and the DLQ message. */
export interface SendErrorClass {
  /** What to do with the job. */
  readonly handling: FailureHandling;
  /** The error's name (`MessageRejected`, `TimeoutError`, `Error`...), or `typeof` a non-error. */
  readonly errorName: string;
  /**
   * Which rule decided: `permanent-name`, `access-denied`, `transient-name`, `server-fault`
   * (5xx or `$fault: 'server'`), `sdk-retryable` (`$retryable` set), `network`, or `unknown`.
   */
  readonly rule:
    | 'permanent-name'
    | 'access-denied'
    | 'transient-name'
    | 'server-fault'
    | 'sdk-retryable'
    | 'network'
    | 'unknown';
  /** A short reason code for the DLQ's `errorReason`, when the rule gives one (`missing-permission`). */
  readonly reason?: string;
  /**
   * Text to record instead of the error's message, when that message may name a recipient
   * (an IAM refusal names the identity it refused).
   */
  readonly detail?: string;
}

/**
 * Decides whether a failed send may succeed later (retry with backoff) or never will (DLQ
 * at once).
 *
 * Why a list of permanent errors and not of transient ones: an error this code has never
 * seen is retried, and if it keeps failing, the queue's redrive policy moves the job to the
 * DLQ after maxReceiveCount receives. Misjudging an unknown error as permanent would drop a
 * job that a retry could have sent; misjudging it as transient costs a few retries.
 *
 * Reads only what the AWS SDK for JavaScript v3 puts on a service exception: `name` (the
 * error code of the SES v2 API Reference), `$metadata.httpStatusCode`, `$fault`
 * (`client`/`server`) and `$retryable` (set on throttling and transient errors); and `code`
 * for Node.js network errors. The SDK has already retried throttling, 5xx and network errors
 * up to its `maxAttempts` (3 by default) before the error reaches the worker.
 *
 * @param error - what sending the job threw; anything
 * @returns the handling, the error's name and the rule that decided
 */
export function classifySendError(error: unknown): SendErrorClass {
  const errorName = readErrorName(error);
  const decide = (handling: FailureHandling, rule: SendErrorClass['rule']): SendErrorClass => ({
    handling,
    errorName,
    rule,
  });
  if (permanentErrorNames.has(errorName)) return decide('dead-letter', 'permanent-name');
  if (accessDeniedErrorNames.has(errorName)) {
    const message = error instanceof Error ? error.message : '';
    return {
      ...decide('dead-letter', 'access-denied'),
      reason: 'missing-permission',
      detail: explainAccessDenied(message),
    };
  }
  if (transientErrorNames.has(errorName)) return decide('retry', 'transient-name');
  if (typeof error !== 'object' || error === null) return decide('retry', 'unknown');
  const details = error as {
    $metadata?: { httpStatusCode?: unknown };
    $fault?: unknown;
    $retryable?: unknown;
    code?: unknown;
  };
  const status = details.$metadata?.httpStatusCode;
  if ((typeof status === 'number' && status >= 500) || details.$fault === 'server') {
    return decide('retry', 'server-fault');
  }
  if (typeof details.$retryable === 'object' && details.$retryable !== null) {
    return decide('retry', 'sdk-retryable');
  }
  if (typeof details.code === 'string' && networkErrorCodes.has(details.code)) {
    return decide('retry', 'network');
  }
  return decide('retry', 'unknown');
}

function readErrorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  if (typeof error === 'object' && error !== null) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return typeof error;
}
