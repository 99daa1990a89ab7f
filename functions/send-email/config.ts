import * as z from 'zod/mini';
import { numberVariable, readEnv, requiredString } from '../commons/helpers/env.js';
import { maxVisibilityTimeoutSeconds } from './delay-redelivery.js';
import { formatSender } from './format-address.js';

/** A whole number of seconds SQS accepts as a visibility timeout. */
const wholeSeconds = () =>
  numberVariable(z.int().check(z.minimum(0), z.maximum(maxVisibilityTimeoutSeconds)));

const workerEnvironmentSchema = z.object({
  /** `FromEmailAddress`: a bare address or `Name <address>`. */
  MAIL_SENDER: z.pipe(
    requiredString(),
    z.transform((value: string, context) => {
      try {
        return formatSender(value);
      } catch {
        const message = 'not an address or "Name <address>"';
        context.issues.push({ code: 'custom', message, input: value });
        return z.NEVER;
      }
    }),
  ),
  MAIL_SUBJECT_PREFIX: z._default(z.string(), '[Signup Mailer] '),
  /** The SES configuration set that publishes sending events; empty means none. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.trim())),
  /** The source queue, for `ChangeMessageVisibility`. */
  QUEUE_URL: requiredString(),
  /** The DLQ, where jobs no retry can send go at once. */
  DLQ_URL: requiredString(),
  IDEMPOTENCY_TABLE: requiredString(),
  /** The accounts table; when set, no email goes to an account marked undeliverable. */
  ACCOUNTS_TABLE: z.optional(z.string().check(z.trim())),
  RETRY_BASE_DELAY_SECONDS: wholeSeconds(),
  RETRY_MAX_DELAY_SECONDS: wholeSeconds(),
  /** The source queue's redrive maxReceiveCount; the last receive dead-letters with a reason. */
  MAX_RECEIVE_COUNT: numberVariable(z.int().check(z.minimum(1), z.maximum(1000))),
  /** Most SES sends per second from this container. */
  SEND_RATE_PER_SECOND: numberVariable(z.number().check(z.positive())),
  IDEMPOTENCY_EXPIRES_AFTER_SECONDS: numberVariable(z.int().check(z.positive())),
});

/** A variable the worker reads; the stacks set them (`lib/settings.ts`). */
export type WorkerVariable = keyof z.input<typeof workerEnvironmentSchema>;

/**
 * Reads the worker's configuration from its environment, once at cold start; times in
 * seconds. `MAIL_SUBJECT_PREFIX`, `SES_CONFIGURATION_SET` and `ACCOUNTS_TABLE` are optional.
 *
 * @param env - the environment; `process.env` by default
 * @throws ConfigurationError naming every missing or invalid variable
 */
export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readEnv(workerEnvironmentSchema, env);
  return {
    /** `FromEmailAddress`, formatted for SES. */
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
