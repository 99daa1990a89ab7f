import type { WorkerVariable } from '../functions/send-email/config.js';
import type { SignupVariable } from '../functions/signup/config.js';

/**
 * The one source of operational settings, read by the CDK stack (`lib/`) and the local
 * stack (`local/`) alike, so that local runs behave like AWS. The functions never import
 * it: the stacks hand them their settings as environment variables
 * ({@link signupSettingsEnvironment}, {@link workerSettingsEnvironment}), and the functions
 * read their environment.
 *
 * Pure data: no CDK or SDK imports, so any part of the project may read it.
 */

const workerTimeoutSeconds = 30;
const queueRetentionSeconds = 4 * 24 * 3600;
const dlqRetentionSeconds = 14 * 24 * 3600;

/** The settings in force, for AWS and the local stack alike. Times in seconds. */
export const settings = {
  /** The SQS-triggered worker and its event source mapping. */
  worker: {
    timeoutSeconds: workerTimeoutSeconds,
    memorySizeMb: 1024,
    /** Records per invocation (1 to 10 for a standard queue with no batching window). */
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    /**
     * Most concurrent invocations the event source mapping starts (2 to 1000), so a burst of
     * signups cannot flood SES (AWS Lambda docs, "Configuring maximum concurrency for Amazon
     * SQS event sources").
     */
    maxConcurrency: 2,
  },
  /** The email job queue and its dead-letter queue (DLQ). */
  queue: {
    /**
     * At least 6 × the worker's timeout, as AWS recommends for a queue that is a Lambda event
     * source (AWS Lambda docs, "Using Lambda with Amazon SQS").
     */
    visibilityTimeoutSeconds: 6 * workerTimeoutSeconds,
    /** Receives after which SQS moves a message to the DLQ (the redrive policy's). */
    maxReceiveCount: 5,
    retentionPeriodSeconds: queueRetentionSeconds,
    /** Longer than the queue's, so a redriven message keeps time to be handled. */
    dlqRetentionPeriodSeconds: dlqRetentionSeconds,
  },
  /** The HTTP API and its function. */
  api: {
    timeoutSeconds: 10,
    memorySizeMb: 512,
    /** Largest accepted request body, in bytes (after base64 decoding). */
    maxBodyBytes: 16 * 1024,
    /** Steady-state request rate of the stage, per second. */
    throttlingRateLimit: 50,
    /** Burst capacity of the stage, in requests. */
    throttlingBurstLimit: 100,
    /** What a client is told to wait (`Retry-After`) when a dependency failed. */
    retryAfterSeconds: 5,
  },
  /** The signed confirmation link. */
  token: {
    ttlSeconds: 3600,
  },
  /** The CloudWatch log groups (functions and API access logs). */
  logs: {
    /** A value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...; `PutRetentionPolicy`). */
    retentionDays: 30,
  },
  /** The CloudWatch alarms on the email pipeline. */
  alarms: {
    /**
     * Age of the oldest queued job above which the backlog alarm fires: well below the
     * token's lifetime, so an operator hears of a stuck worker while the links still work.
     */
    oldestMessageAgeSeconds: 600,
    /** Length of the period each alarm evaluates (a multiple of 60). */
    periodSeconds: 300,
  },
  /** The SES account the worker sends through. */
  ses: {
    /**
     * Most emails per second SES accepts from the account (its "maximum send rate"). 14 is
     * the starting rate SES has long documented for an account out of the sandbox; set the
     * real one from `GetAccount` (`SendQuota.MaxSendRate`). Each worker container sends at
     * most `maxSendRatePerSecond / worker.maxConcurrency` per second (SES Developer Guide,
     * "Managing your Amazon SES sending quotas").
     */
    maxSendRatePerSecond: 14,
  },
  /**
   * Backoff of a job whose send failed for a reason that may pass (throttling, 5xx, network):
   * visible again after a random delay from 0 to `min(maxDelaySeconds, baseDelaySeconds ×
   * 2^(receiveCount − 1))` ("full jitter": AWS Architecture Blog, "Exponential Backoff And
   * Jitter"). With maxReceiveCount 5 the ceilings are 10, 20, 40, 80 and 160 s: a job rides
   * out about 5 minutes of throttling or SES errors before the DLQ; SES asks to wait "up to
   * 10 minutes" after throttling (SES Developer Guide, "Errors related to the sending quotas").
   */
  retry: {
    baseDelaySeconds: 10,
    /** At most 43,200 s, the longest visibility timeout SQS allows. */
    maxDelaySeconds: 300,
  },
  /** The record that stops a redelivered job from sending a second email. */
  idempotency: {
    /** Queue retention + DLQ retention + a day: a job redriven from the DLQ still finds it. */
    expiresAfterSeconds: queueRetentionSeconds + dlqRetentionSeconds + 24 * 3600,
  },
  /** The accounts table and the abuse limits of `POST /signup`. */
  accounts: {
    /**
     * Least time between two emails to one address (a link to a pending account, or the
     * "already registered" notice to a confirmed one): repeated signups within it are
     * answered alike but send nothing, so the API cannot flood a stranger's inbox.
     */
    resendCooldownSeconds: 5 * 60,
    /** How long a never-confirmed account is kept after its last signup (DynamoDB TTL). */
    pendingRetentionSeconds: 7 * 24 * 3600,
  },
};

/** All settings; see {@link settings}. */
export type Settings = typeof settings;
export type WorkerSettings = Settings['worker'];
export type QueueSettings = Settings['queue'];
export type AlarmSettings = Settings['alarms'];
export type RetrySettings = Settings['retry'];

/**
 * The signup function's settings as the environment variables it reads (`loadSignupConfig`).
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
 * The worker's settings as the environment variables it reads (`readWorkerConfig`). Each of
 * the `maxConcurrency` containers takes its share of the account's SES send rate.
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
