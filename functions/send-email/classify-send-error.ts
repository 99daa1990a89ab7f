/** What the worker does with a failed job: retry it after a backoff, or move it to the DLQ now. */
export type FailureHandling = 'retry' | 'dead-letter';

/**
 * Errors no retry can fix: the job, the sender's setup or the account must change first
 * (Amazon SES API v2 Reference, `SendEmail` → Errors). `SendingPausedException` is among them:
 * only a person resumes sending, later than the retries last, so the job waits in the DLQ to be
 * redriven. `InvalidEmailJobError` is the worker's own verdict on a message that is not a
 * sendable job.
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
 * Errors known to pass: SES's send rate or quota (SES Developer Guide, "Errors related to the
 * sending quotas"), server faults, timeouts, and the idempotency table's states (another
 * invocation is sending this job, or the table failed before anything was sent).
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

// IAM's refusal: `AccessDeniedException` (SES v2, Common Errors) or `AccessDenied` (SES v1).
// Only a change of the role or of the sandbox status fixes it, so it is permanent.
const accessDeniedErrorNames: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'AccessDenied',
]);
// IAM writes the refusal in two shapes, both naming the action and the resource:
//   User `arn:…' is not authorized to perform `ses:SendEmail' on resource `arn:…'
//   User: arn:… is not authorized to perform: ses:SendEmail on resource: arn:…
const refusalPattern =
  /not authorized to perform:?\s*`?([\w-]+:[\w*]+)'?\s+on resource:?\s*`?(arn:[^\s`']+)/i;
const identityArnPattern = /^(arn:[^:]+:ses:[^:]*:[^:]*:identity\/).+$/;

/** Why an error was put in its class, for the logs and the DLQ message. */
export interface SendErrorClass {
  readonly handling: FailureHandling;
  /** The error's name (`MessageRejected`, `TimeoutError`...), or `typeof` a non-error. */
  readonly errorName: string;
  /** Which rule decided; `sdk-retryable` is the SDK's `$retryable`, `server-fault` a 5xx. */
  readonly rule:
    | 'permanent-name'
    | 'access-denied'
    | 'transient-name'
    | 'server-fault'
    | 'sdk-retryable'
    | 'network'
    | 'unknown';
  /** A reason code for the DLQ's `errorReason`, when the rule gives one (`missing-permission`). */
  readonly reason?: string;
  /** Text to record instead of the error's message, which may name a recipient. */
  readonly detail?: string;
}

/**
 * Decides whether a failed send may succeed later (retry with backoff) or never will (DLQ now).
 *
 * Why a list of permanent errors: an unknown error is retried, and the redrive policy moves it
 * to the DLQ after maxReceiveCount receives; judging it permanent could drop a job a retry
 * would have sent. Reads what the AWS SDK v3 puts on a service exception (`name`,
 * `$metadata.httpStatusCode`, `$fault`, `$retryable`) and Node's `code`; the SDK has already
 * retried throttling, 5xx and network errors up to its `maxAttempts`.
 *
 * @param error - what sending the job threw; anything
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

/**
 * Names the permission an IAM refusal of `SendEmail` misses, hiding the identity's name: in
 * the SES sandbox SES also authorizes the recipient's identity, and the refusal then names the
 * recipient (SES Developer Guide, "Identity and access management in Amazon SES").
 */
function explainAccessDenied(message: string): string {
  const refusal = refusalPattern.exec(message);
  if (refusal === null) {
    return "The worker's role lacks a permission SES requires (SES's message named none). Check its ses:SendEmail grant.";
  }
  const [, action, resourceArn = ''] = refusal;
  const identity = identityArnPattern.exec(resourceArn);
  if (identity === null) {
    return `The worker's role may not ${action} on ${resourceArn}. Grant it there, then redrive.`;
  }
  return (
    `The worker's role may not ${action} on ${identity[1]}[identity]. In the SES sandbox SES also ` +
    "authorizes each recipient's identity: deploy with -c sesSandbox=true (or leave the sandbox), " +
    'or grant the sender identity if it is the sender, then redrive.'
  );
}

function readErrorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  if (typeof error === 'object' && error !== null) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return typeof error;
}
