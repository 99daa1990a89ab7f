import * as z from 'zod/mini';
import { readEnv, requiredString } from '../commons/helpers/env.js';
import { maxVisibilityTimeoutSeconds } from './delay-redelivery.js';
import { formatSender } from './format-address.js';

/** A number from an environment variable (the stacks set them from `lib/settings.ts`); empty is unset. */
const number = (schema: z.ZodMiniType<number, number>) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    z.pipe(z.coerce.number(), schema),
  );

/** A whole number of seconds SQS accepts as a visibility timeout. */
const wholeSeconds = () =>
  number(z.int().check(z.minimum(0), z.maximum(maxVisibilityTimeoutSeconds)));

// zod/mini, as every schema of the worker: see functions/commons/email-job.ts.
const workerEnvironmentSchema = z.object({
  /** `FromEmailAddress`: a bare address or `Name <address>`. */
  MAIL_SENDER: z.pipe(
    requiredString(),
    z.transform((value: string, context) => {
      try {
        return formatSender(value);
      } catch {
        context.issues.push({
          code: 'custom',
          message: 'not an address or "Name <address>"',
          input: value,
        });
        return z.NEVER;
      }
    }),
  ),
  /** Put before every subject. */
  MAIL_SUBJECT_PREFIX: z._default(z.string(), '[Signup Mailer] '),
  /** The SES configuration set that publishes sending events; empty means none. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.trim())),
  /** URL of the queue the records come from, for `ChangeMessageVisibility`. */
  QUEUE_URL: requiredString(),
  /** URL of the DLQ, where jobs no retry can send go at once. */
  DLQ_URL: requiredString(),
  /** DynamoDB table of the idempotency records. */
  IDEMPOTENCY_TABLE: requiredString(),
  /** The accounts table; when set, no email goes to an account marked undeliverable. */
  ACCOUNTS_TABLE: z.optional(z.string().check(z.trim())),
  /** Ceiling of the first retry's delay, in seconds. */
  RETRY_BASE_DELAY_SECONDS: wholeSeconds(),
  /** Highest retry delay, in seconds. */
  RETRY_MAX_DELAY_SECONDS: wholeSeconds(),
  /** The source queue's redrive maxReceiveCount; the last receive dead-letters with a reason. */
  MAX_RECEIVE_COUNT: number(z.int().check(z.minimum(1), z.maximum(1000))),
  /** Most SES sends per second from this container. */
  SEND_RATE_PER_SECOND: number(z.number().check(z.positive())),
  /** How long the record of a sent job is kept, in seconds (DynamoDB TTL). */
  IDEMPOTENCY_EXPIRES_AFTER_SECONDS: number(z.int().check(z.positive())),
});

/** A variable the worker reads; the stacks set them (`lib/settings.ts`). */
export type WorkerVariable = keyof z.input<typeof workerEnvironmentSchema>;

/** The worker's configuration, read once at cold start. */
export interface WorkerConfig {
  /** `FromEmailAddress`, formatted for SES. */
  readonly sender: string;
  /** Put before every subject. */
  readonly subjectPrefix: string;
  /** The SES configuration set, if any. */
  readonly configurationSet: string | undefined;
  /** URL of the source queue. */
  readonly queueUrl: string;
  /** URL of the DLQ. */
  readonly dlqUrl: string;
  /** Name of the idempotency table. */
  readonly idempotencyTable: string;
  /** Name of the accounts table, if the deployment has one (see `assertRecipientDeliverable`). */
  readonly accountsTable: string | undefined;
  /** Backoff of retried jobs, in seconds. */
  readonly backoff: { readonly baseDelaySeconds: number; readonly maxDelaySeconds: number };
  /** SES sends per second allowed to this container. */
  readonly sendRatePerSecond: number;
  /** The source queue's redrive maxReceiveCount. */
  readonly maxReceiveCount: number;
  /** How long the record of a sent job is kept, in seconds. */
  readonly idempotencyExpiresAfterSeconds: number;
}

/**
 * Reads the worker's environment: `MAIL_SENDER`, `QUEUE_URL`, `DLQ_URL`, `IDEMPOTENCY_TABLE`
 * and the settings the stacks set from `lib/settings.ts` (`RETRY_BASE_DELAY_SECONDS`,
 * `RETRY_MAX_DELAY_SECONDS`, `MAX_RECEIVE_COUNT`, `SEND_RATE_PER_SECOND`,
 * `IDEMPOTENCY_EXPIRES_AFTER_SECONDS`) are required; `MAIL_SUBJECT_PREFIX`,
 * `SES_CONFIGURATION_SET` and `ACCOUNTS_TABLE` are optional.
 *
 * @param env - the environment; `process.env` by default
 * @returns the configuration
 * @throws ConfigurationError naming every missing or invalid variable
 */
export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const values = readEnv(workerEnvironmentSchema, env);
  return {
    sender: values.MAIL_SENDER,
    subjectPrefix: values.MAIL_SUBJECT_PREFIX,
    configurationSet: values.SES_CONFIGURATION_SET || undefined,
    queueUrl: values.QUEUE_URL,
    dlqUrl: values.DLQ_URL,
    idempotencyTable: values.IDEMPOTENCY_TABLE,
    accountsTable: values.ACCOUNTS_TABLE || undefined,
    backoff: {
      baseDelaySeconds: values.RETRY_BASE_DELAY_SECONDS,
      maxDelaySeconds: values.RETRY_MAX_DELAY_SECONDS,
    },
    sendRatePerSecond: values.SEND_RATE_PER_SECOND,
    maxReceiveCount: values.MAX_RECEIVE_COUNT,
    idempotencyExpiresAfterSeconds: values.IDEMPOTENCY_EXPIRES_AFTER_SECONDS,
  };
}
