import * as z from 'zod/mini';
import { ConfigurationError } from '../commons/errors.js';
import { readEnv } from '../commons/helpers/env.js';

/** Shortest accepted HMAC key, in characters: 256 bits of ASCII entropy at best (RFC 2104 §3). */
export const minTokenSecretChars = 32;

// An empty variable counts as unset: CDK and shells often set `X=` rather than leave it out.
const emptyIsUnset = z.transform((value: unknown) => (value === '' ? undefined : value));
const optional = <T extends z.ZodMiniType>(schema: T) => z.pipe(emptyIsUnset, z.optional(schema));

// Counts and durations: whole, positive numbers.
const whole = z.pipe(emptyIsUnset, z.pipe(z.coerce.number(), z.int().check(z.positive())));

// DynamoDB table names: 3 to 255 of A-Z a-z 0-9 _ - . (DynamoDB API Reference, CreateTable).
const tableName = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'));

const signupEnvSchema = z.object({
  QUEUE_URL: z.url(),
  ACCOUNTS_TABLE: tableName,
  APP_URL: z.url({ protocol: /^https?$/ }),
  TOKEN_SECRET: optional(z.string().check(z.minLength(minTokenSecretChars))),
  TOKEN_SECRET_ARN: optional(z.string().check(z.startsWith('arn:'))),
  MAX_BODY_BYTES: whole,
  RETRY_AFTER_SECONDS: whole,
  TOKEN_TTL_SECONDS: whole,
  RESEND_COOLDOWN_SECONDS: whole,
  PENDING_RETENTION_SECONDS: whole,
});

/** A variable the signup function reads; the stacks set them (`lib/settings.ts`). */
export type SignupVariable = keyof z.input<typeof signupEnvSchema>;

/** Where the HMAC key of confirmation tokens comes from. */
export type TokenSecretSource =
  | { kind: 'value'; value: string }
  | { kind: 'secrets-manager'; arn: string };

/** The signup function's configuration, read once per container. */
export interface SignupConfig {
  /** URL of the email job queue. */
  readonly queueUrl: string;
  /** Name of the accounts table. */
  readonly accountsTable: string;
  /** Public base URL of the API, without a trailing slash; links are `${appUrl}/confirm?token=…`. */
  readonly appUrl: string;
  /** The token key, or the Secrets Manager secret that holds it. */
  readonly tokenSecret: TokenSecretSource;
  /** Largest accepted request body, in bytes (after base64 decoding). */
  readonly maxBodyBytes: number;
  /** Seconds a client is told to wait (`Retry-After`) when a dependency failed. */
  readonly retryAfterSeconds: number;
  /** Lifetime of a confirmation link, in seconds. */
  readonly tokenTtlSeconds: number;
  /**
   * Least time between two emails to one address, in seconds: a confirmation link to a
   * pending account, or the "already registered" notice to a confirmed one.
   */
  readonly resendCooldownSeconds: number;
  /** How long an account that was never confirmed is kept after its last signup, in seconds. */
  readonly pendingRetentionSeconds: number;
}

/** What the routes are given: the configuration, and the token key, resolved at first use. */
export interface SignupServices {
  readonly config: SignupConfig;
  /** Resolves the token key; see `createTokenSecretResolver`. */
  readonly resolveTokenKey: () => Promise<string>;
}

/**
 * Reads the signup function's configuration from the environment, where the CDK stack and
 * the local stack put it (the settings from `lib/settings.ts`): the function never reads the
 * infrastructure's source.
 *
 * Variables, all required: `QUEUE_URL`, `ACCOUNTS_TABLE` (the accounts table's name),
 * `APP_URL` (http/https), `TOKEN_SECRET` (at least 32 characters) or else `TOKEN_SECRET_ARN`
 * (a Secrets Manager secret ARN), and whole positive numbers `MAX_BODY_BYTES`,
 * `RETRY_AFTER_SECONDS`, `TOKEN_TTL_SECONDS`, `RESEND_COOLDOWN_SECONDS`,
 * `PENDING_RETENTION_SECONDS`.
 *
 * @param env - the environment; defaults to `process.env`
 * @throws ConfigurationError naming each missing or invalid variable, or both token variables
 *   when neither is set
 */
export function loadSignupConfig(env: NodeJS.ProcessEnv = process.env): SignupConfig {
  const values = readEnv(signupEnvSchema, env);
  let tokenSecret: TokenSecretSource;
  if (values.TOKEN_SECRET !== undefined) {
    tokenSecret = { kind: 'value', value: values.TOKEN_SECRET };
  } else if (values.TOKEN_SECRET_ARN !== undefined) {
    tokenSecret = { kind: 'secrets-manager', arn: values.TOKEN_SECRET_ARN };
  } else {
    throw new ConfigurationError(
      'Invalid configuration: TOKEN_SECRET is not set and TOKEN_SECRET_ARN is not set; set one of them',
    );
  }
  return {
    queueUrl: values.QUEUE_URL,
    accountsTable: values.ACCOUNTS_TABLE,
    appUrl: values.APP_URL.replace(/\/+$/, ''),
    tokenSecret,
    maxBodyBytes: values.MAX_BODY_BYTES,
    retryAfterSeconds: values.RETRY_AFTER_SECONDS,
    tokenTtlSeconds: values.TOKEN_TTL_SECONDS,
    resendCooldownSeconds: values.RESEND_COOLDOWN_SECONDS,
    pendingRetentionSeconds: values.PENDING_RETENTION_SECONDS,
  };
}
