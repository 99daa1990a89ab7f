import type { WorkerVariable } from '../functions/send-email/config.js';
import type { SignupVariable } from '../functions/signup/config.js';

const workerTimeoutSeconds = 30;
const queueRetentionSeconds = 4 * 24 * 3600;
const dlqRetentionSeconds = 14 * 24 * 3600;

/**
 * The one source of operational settings, read by the CDK stack and the local stack alike, so
 * local runs behave like AWS; the functions get theirs as environment variables
 * ({@link signupSettingsEnvironment}, {@link workerSettingsEnvironment}). Times in seconds.
 */
export const settings = {
  /** The SQS-triggered worker and its event source mapping. */
  worker: {
    timeoutSeconds: workerTimeoutSeconds,
    memorySizeMb: 1024,
    /** Records per invocation (1 to 10 for a standard queue with no batching window). */
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    /** Most concurrent invocations (2 to 1000), so a burst of signups cannot flood SES. */
    maxConcurrency: 2,
  },
  /** The email job queue and its dead-letter queue (DLQ). */
  queue: {
    /** At least 6 × the worker's timeout (AWS Lambda docs, "Using Lambda with Amazon SQS"). */
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
  token: { ttlSeconds: 3600 },
  /** The log groups; a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90...). */
  logs: { retentionDays: 30 },
  /** The CloudWatch alarms. */
  alarms: {
    /** Backlog age that fires an alarm: well below the token's lifetime, while links still work. */
    oldestMessageAgeSeconds: 600,
    /** Length of the period each alarm evaluates (a multiple of 60). */
    periodSeconds: 300,
  },
  /** The SES account the worker sends through. */
  ses: {
    /**
     * The account's maximum send rate: 14, SES's documented start out of the sandbox; set the
     * real one from `GetAccount` (`SendQuota.MaxSendRate`). Each worker container takes an
     * equal share (SES Developer Guide, "Managing your Amazon SES sending quotas").
     */
    maxSendRatePerSecond: 14,
  },
  /**
   * Backoff of a send that failed for a reason that may pass (full jitter, see
   * `computeRetryDelaySeconds`). With maxReceiveCount 5 a job waits 4 times, drawn below 30, 60,
   * 120 and 240 s (the 5th receive goes to the DLQ): at most 7.5 minutes of SES errors before the
   * DLQ, about 3.75 on average, and the first retry within 30 s. Why not the 10-s base it had
   * (90 s to the DLQ, measured): a blip of SES longer than that needed a redrive by hand within the
   * link's hour, and SES asks to wait "up to 10 minutes" (SES Developer Guide, "Errors related to
   * the sending quotas"). The whole window stays under the backlog alarm's 600 s.
   */
  retry: {
    baseDelaySeconds: 30,
    /** A cap for a larger maxReceiveCount; at most 43,200 s, SQS's longest visibility timeout. */
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
     * Least time between two emails to one address: signups within it are answered alike but
     * send nothing, so the API cannot flood a stranger's inbox.
     */
    resendCooldownSeconds: 5 * 60,
    /** How long a never-confirmed account is kept after its last signup (DynamoDB TTL). */
    pendingRetentionSeconds: 7 * 24 * 3600,
    /**
     * Most signups one client (its IP address, an IPv6 /64) may make per window, so it cannot
     * make the service mail more strangers than that; 0 turns the limit off (load tests). A
     * number a person never meets; the CDK context key `signupLimitPerClient` overrides it.
     */
    signupLimitPerClient: 10,
    /** The limit's fixed window. */
    signupLimitWindowSeconds: 10 * 60,
  },
};

/** All settings; see {@link settings}. */
export type Settings = typeof settings;
export type WorkerSettings = Settings['worker'];
export type QueueSettings = Settings['queue'];
export type RetrySettings = Settings['retry'];

/**
 * The signup function's settings as the environment variables it reads (`loadSignupConfig`).
 *
 * @param options - the per-client signup limit, when a deployment or run sets its own
 */
export function signupSettingsEnvironment(
  options: { readonly signupLimitPerClient?: number | undefined } = {},
  from: Settings = settings,
) {
  return {
    SIGNUP_LIMIT_PER_CLIENT: String(
      options.signupLimitPerClient ?? from.accounts.signupLimitPerClient,
    ),
    SIGNUP_LIMIT_WINDOW_SECONDS: String(from.accounts.signupLimitWindowSeconds),
    MAX_BODY_BYTES: String(from.api.maxBodyBytes),
    RETRY_AFTER_SECONDS: String(from.api.retryAfterSeconds),
    TOKEN_TTL_SECONDS: String(from.token.ttlSeconds),
    RESEND_COOLDOWN_SECONDS: String(from.accounts.resendCooldownSeconds),
    PENDING_RETENTION_SECONDS: String(from.accounts.pendingRetentionSeconds),
  } satisfies Partial<Record<SignupVariable, string>>;
}

/**
 * The worker's settings as the environment variables it reads (`readWorkerConfig`): each of the
 * `maxConcurrency` containers takes its share of the account's SES send rate.
 *
 * @param options - the queue's settings and the event source mapping's maximum concurrency
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
