import type { WorkerVariable } from '../functions/send-email/config.js';
import type { SignupVariable } from '../functions/signup/config.js';

/**
 * The one source of operational settings, read by the CDK stack (`lib/`) and the local
 * stack (`local/`) alike, so that local runs behave like AWS. The functions never import
 * it: the stacks hand them their settings as environment variables (see
 * {@link signupSettingsEnvironment}), and the functions read their environment.
 *
 * Pure data: no CDK or SDK imports, so any part of the project may read it.
 */

/** Settings of the SQS-triggered worker and its event source mapping. */
export interface WorkerSettings {
  /** Lambda timeout of the worker, in seconds. */
  readonly timeoutSeconds: number;
  /** Lambda memory of the worker, in MB. */
  readonly memorySizeMb: number;
  /** Records per invocation (1 to 10 for a standard queue with no batching window above 0 s). */
  readonly batchSize: number;
  /** How long the event source mapping may gather records before it invokes, in seconds. */
  readonly maxBatchingWindowSeconds: number;
  /**
   * Most concurrent invocations the event source mapping starts (2 to 1000), so a burst
   * of signups cannot flood SES. Source: AWS Lambda docs, "Configuring maximum concurrency
   * for Amazon SQS event sources".
   */
  readonly maxConcurrency: number;
}

/** Settings of the email job queue and its dead-letter queue (DLQ). */
export interface QueueSettings {
  /**
   * Visibility timeout of the queue, in seconds. AWS recommends at least 6 × the
   * function timeout for a queue that is a Lambda event source (AWS Lambda docs,
   * "Using Lambda with Amazon SQS").
   */
  readonly visibilityTimeoutSeconds: number;
  /** Receives after which SQS moves a message to the DLQ (the redrive policy's maxReceiveCount). */
  readonly maxReceiveCount: number;
  /** Retention of the queue, in seconds. */
  readonly retentionPeriodSeconds: number;
  /** Retention of the DLQ, in seconds; longer than the queue's, so a redriven message keeps time to be handled. */
  readonly dlqRetentionPeriodSeconds: number;
}

/** Settings of the HTTP API and its function. */
export interface ApiSettings {
  /** Lambda timeout of the API function, in seconds. */
  readonly timeoutSeconds: number;
  /** Lambda memory of the API function, in MB. */
  readonly memorySizeMb: number;
  /** Largest accepted request body, in bytes (after base64 decoding). */
  readonly maxBodyBytes: number;
  /** Steady-state request rate of the API stage, in requests per second. */
  readonly throttlingRateLimit: number;
  /** Burst capacity of the API stage, in requests. */
  readonly throttlingBurstLimit: number;
  /** Seconds a client is told to wait (`Retry-After`) when the queue refuses a job. */
  readonly retryAfterSeconds: number;
}

/** Settings of the signed confirmation link. */
export interface TokenSettings {
  /** Lifetime of a confirmation token, in seconds. */
  readonly ttlSeconds: number;
}

/** Settings of the CloudWatch log groups (functions and API access logs). */
export interface LogSettings {
  /**
   * Days CloudWatch Logs keeps log events; one of the values CloudWatch accepts
   * (1, 3, 5, 7, 14, 30, 60, 90, ...; AWS CloudWatch Logs API, `PutRetentionPolicy`).
   */
  readonly retentionDays: number;
}

/** Thresholds of the CloudWatch alarms on the email pipeline. */
export interface AlarmSettings {
  /**
   * Age of the oldest message in the email job queue above which the backlog alarm
   * fires, in seconds. Kept well below the confirmation token's lifetime, so an
   * operator hears of a stuck worker while the links in the queue still work.
   */
  readonly oldestMessageAgeSeconds: number;
  /** Length of the period each alarm evaluates, in seconds (a multiple of 60). */
  readonly periodSeconds: number;
}

/** Settings of the SES account the worker sends through. */
export interface SesSettings {
  /**
   * Most emails per second SES accepts from the account (its "maximum send rate"). 14 is
   * the starting rate SES has long documented for an account that leaves the sandbox; the
   * real one varies per account and grows with its reputation, so set it from the SES
   * console or SES v2 `GetAccount` (`SendQuota.MaxSendRate`). Each worker
   * container sends at most `maxSendRatePerSecond / worker.maxConcurrency` per second, so
   * the containers together stay within it. Source: Amazon SES Developer Guide, "Managing
   * your Amazon SES sending quotas".
   */
  readonly maxSendRatePerSecond: number;
}

/**
 * Backoff of a job whose send failed for a reason that may pass (throttling, 5xx, network).
 * The worker makes the message visible again after a random delay from 0 to
 * `min(maxDelaySeconds, baseDelaySeconds × 2^(receiveCount − 1))` ("full jitter": AWS
 * Architecture Blog, "Exponential Backoff And Jitter"), through `ChangeMessageVisibility`.
 */
export interface RetrySettings {
  /** Ceiling of the first retry's delay, in seconds; doubles with each receive. */
  readonly baseDelaySeconds: number;
  /** Highest ceiling, in seconds (SQS allows a visibility timeout of up to 43,200 s). */
  readonly maxDelaySeconds: number;
}

/** Settings of the record that stops a redelivered job from sending a second email. */
export interface IdempotencySettings {
  /**
   * How long the record of a sent job is kept, in seconds (DynamoDB TTL). Longer than a
   * message can live in the queue and then in the DLQ, so a job redriven from the DLQ
   * still finds it.
   */
  readonly expiresAfterSeconds: number;
}

/** Settings of the accounts table and the abuse limits of `POST /signup`. */
export interface AccountSettings {
  /**
   * Least time between two emails the signup route sends to one address, in seconds: a
   * confirmation link to a pending account, or the "already registered" notice to a
   * confirmed one. Repeated signups within it are answered alike but send nothing, so the
   * API cannot be used to flood a stranger's inbox.
   */
  readonly resendCooldownSeconds: number;
  /**
   * How long an account that was never confirmed is kept after its last signup, in seconds
   * (DynamoDB TTL on `expiresAt`). Longer than a confirmation link lives; after it, an address
   * someone else typed in is forgotten.
   */
  readonly pendingRetentionSeconds: number;
}

/** All settings. */
export interface Settings {
  readonly worker: WorkerSettings;
  readonly queue: QueueSettings;
  readonly api: ApiSettings;
  readonly token: TokenSettings;
  readonly logs: LogSettings;
  readonly alarms: AlarmSettings;
  readonly ses: SesSettings;
  readonly retry: RetrySettings;
  readonly idempotency: IdempotencySettings;
  readonly accounts: AccountSettings;
}

const workerTimeoutSeconds = 30;
const queueRetentionSeconds = 4 * 24 * 3600;
const dlqRetentionSeconds = 14 * 24 * 3600;

/** The settings in force, for AWS and the local stack alike. */
export const settings: Settings = {
  worker: {
    timeoutSeconds: workerTimeoutSeconds,
    memorySizeMb: 1024,
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    maxConcurrency: 2,
  },
  queue: {
    visibilityTimeoutSeconds: 6 * workerTimeoutSeconds,
    maxReceiveCount: 5,
    retentionPeriodSeconds: queueRetentionSeconds,
    dlqRetentionPeriodSeconds: dlqRetentionSeconds,
  },
  api: {
    timeoutSeconds: 10,
    memorySizeMb: 512,
    maxBodyBytes: 16 * 1024,
    throttlingRateLimit: 50,
    throttlingBurstLimit: 100,
    retryAfterSeconds: 5,
  },
  token: {
    ttlSeconds: 3600,
  },
  logs: {
    retentionDays: 30,
  },
  alarms: {
    oldestMessageAgeSeconds: 600,
    periodSeconds: 300,
  },
  ses: {
    maxSendRatePerSecond: 14,
  },
  retry: {
    // With maxReceiveCount 5 the delays' ceilings are 10, 20, 40, 80 and 160 s: a job rides
    // out up to about 5 minutes of throttling or SES errors before it reaches the DLQ. SES
    // asks to wait "up to 10 minutes" after a throttling error (SES Developer Guide, "Errors
    // related to the sending quotas").
    baseDelaySeconds: 10,
    maxDelaySeconds: 300,
  },
  idempotency: {
    // Queue retention + DLQ retention + a day: a redriven job must still find its record.
    expiresAfterSeconds: queueRetentionSeconds + dlqRetentionSeconds + 24 * 3600,
  },
  accounts: {
    resendCooldownSeconds: 5 * 60,
    pendingRetentionSeconds: 7 * 24 * 3600,
  },
};

/**
 * The signup function's settings as the environment variables it reads (its `loadSignupConfig`),
 * for the CDK stack and the local stack to set alike.
 *
 * @param from - the settings; @default settings
 */
export function signupSettingsEnvironment(from: Settings = settings) {
  return {
    MAX_BODY_BYTES: String(from.api.maxBodyBytes),
    RETRY_AFTER_SECONDS: String(from.api.retryAfterSeconds),
    TOKEN_TTL_SECONDS: String(from.token.ttlSeconds),
    RESEND_COOLDOWN_SECONDS: String(from.accounts.resendCooldownSeconds),
    PENDING_RETENTION_SECONDS: String(from.accounts.pendingRetentionSeconds),
  } satisfies Partial<Record<SignupVariable, string>>;
}

/**
 * The worker's settings as the environment variables it reads (its `readWorkerConfig`), for
 * the CDK stack and the local stack to set alike. Each of the `maxConcurrency` containers
 * takes its share of the account's SES send rate.
 *
 * @param options - the queue's settings (its maxReceiveCount) and the event source
 *   mapping's maximum concurrency
 * @param from - the settings; @default settings
 */
export function workerSettingsEnvironment(
  options: { readonly queue: QueueSettings; readonly maxConcurrency: number },
  from: Settings = settings,
) {
  return {
    RETRY_BASE_DELAY_SECONDS: String(from.retry.baseDelaySeconds),
    RETRY_MAX_DELAY_SECONDS: String(from.retry.maxDelaySeconds),
    MAX_RECEIVE_COUNT: String(options.queue.maxReceiveCount),
    SEND_RATE_PER_SECOND: String(from.ses.maxSendRatePerSecond / options.maxConcurrency),
    IDEMPOTENCY_EXPIRES_AFTER_SECONDS: String(from.idempotency.expiresAfterSeconds),
  } satisfies Partial<Record<WorkerVariable, string>>;
}
