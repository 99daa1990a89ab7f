import * as z from 'zod/mini';
import { linkProp } from '../../emails/props.js';
import { ConfigurationError } from '../commons/errors.js';
import { numberVariable, optionalVariable, readEnv } from '../commons/helpers/env.js';

/** Shortest accepted HMAC key, in characters: 256 bits of ASCII entropy at best (RFC 2104 §3). */
export const minTokenSecretChars = 32;

// Counts and durations: whole, positive numbers.
const whole = numberVariable(z.int().check(z.positive()));

const signupEnvSchema = z.object({
  /** The email job queue. */
  QUEUE_URL: z.url(),
  /** The accounts table: 3 to 255 of A-Z a-z 0-9 _ - . (DynamoDB API Reference, CreateTable). */
  ACCOUNTS_TABLE: z
    .string()
    .check(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')),
  /** The API's public base URL; links are `${APP_URL}/confirm?token=…`. */
  APP_URL: z.url({ protocol: /^https?$/ }),
  /** The app's home, where the emails' buttons lead (a link the templates take); unset, the API's URL. */
  HOME_URL: optionalVariable(linkProp),
  /** The token key itself (locally)... */
  TOKEN_SECRET: optionalVariable(z.string().check(z.minLength(minTokenSecretChars))),
  /** ...or the Secrets Manager secret that holds it (in AWS). */
  TOKEN_SECRET_ARN: optionalVariable(z.string().check(z.startsWith('arn:'))),
  /** The settings the stacks set from `lib/settings.ts` (see there). */
  MAX_BODY_BYTES: whole,
  RETRY_AFTER_SECONDS: whole,
  TOKEN_TTL_SECONDS: whole,
  RESEND_COOLDOWN_SECONDS: whole,
  PENDING_RETENTION_SECONDS: whole,
  /** Signups per client per window; 0 turns the limit off. */
  SIGNUP_LIMIT_PER_CLIENT: numberVariable(z.int().check(z.nonnegative())),
  SIGNUP_LIMIT_WINDOW_SECONDS: whole,
});

/** A variable the signup function reads. */
export type SignupVariable = keyof z.input<typeof signupEnvSchema>;

/** Where the HMAC key of confirmation tokens comes from. */
export type TokenSecretSource =
  | { kind: 'value'; value: string }
  | { kind: 'secrets-manager'; arn: string };

/** The signup function's configuration, read once per container; times in seconds. */
export type SignupConfig = ReturnType<typeof loadSignupConfig>;

/** What the routes are given: the configuration, and the token key, resolved at first use. */
export interface SignupServices {
  readonly config: SignupConfig;
  /** Resolves the token key; see `createTokenSecretResolver`. */
  readonly resolveTokenKey: () => Promise<string>;
}

/**
 * Reads the signup function's configuration from the environment the stacks set. Every
 * variable is required, but for the token key: `TOKEN_SECRET` or else `TOKEN_SECRET_ARN`.
 *
 * @throws ConfigurationError naming each missing or invalid variable, or both token variables
 *   when neither is set
 */
export function loadSignupConfig(env: NodeJS.ProcessEnv = process.env) {
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
  const appUrl = values.APP_URL.replace(/\/+$/, '');
  return {
    queueUrl: values.QUEUE_URL,
    accountsTable: values.ACCOUNTS_TABLE,
    /** Without a trailing slash. */
    appUrl,
    /** Where the emails' buttons lead: `HOME_URL` as given, else the API's URL. */
    homeUrl: values.HOME_URL ?? appUrl,
    tokenSecret,
    maxBodyBytes: values.MAX_BODY_BYTES,
    retryAfterSeconds: values.RETRY_AFTER_SECONDS,
    tokenTtlSeconds: values.TOKEN_TTL_SECONDS,
    resendCooldownSeconds: values.RESEND_COOLDOWN_SECONDS,
    pendingRetentionSeconds: values.PENDING_RETENTION_SECONDS,
    signupLimitPerClient: values.SIGNUP_LIMIT_PER_CLIENT,
    signupLimitWindowSeconds: values.SIGNUP_LIMIT_WINDOW_SECONDS,
  } as const;
}
