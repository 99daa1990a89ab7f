import * as z from 'zod';
import { ConfigurationError } from '../commons/errors.js';
import { readEnv } from '../commons/helpers/env.js';

/** Shortest accepted HMAC key, in characters: 256 bits of ASCII entropy at best (RFC 2104 §3). */
export const minTokenSecretChars = 32;

// An empty variable counts as unset: CDK and shells often set `X=` rather than leave it out.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const corsOrigin = z.union([
  z.literal('*'),
  z.url({ protocol: /^https?$/ }).refine((url) => new URL(url).origin === url.replace(/\/$/, ''), {
    message: 'each origin must be scheme://host[:port] with no path',
  }),
]);

// DynamoDB table names: 3 to 255 of A-Z a-z 0-9 _ - . (DynamoDB API Reference, CreateTable).
const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name');

const signupEnvSchema = z.object({
  QUEUE_URL: z.url(),
  ACCOUNTS_TABLE: tableName,
  APP_URL: z.url({ protocol: /^https?$/ }),
  TOKEN_SECRET: optional(z.string().min(minTokenSecretChars)),
  TOKEN_SECRET_ARN: optional(z.string().startsWith('arn:')),
  CORS_ORIGINS: optional(
    z.string().transform((value, ctx) => {
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '');
      for (const origin of origins) {
        const result = corsOrigin.safeParse(origin);
        if (!result.success) ctx.addIssue({ code: 'custom', message: 'lists an invalid origin' });
      }
      return origins.map((origin) => origin.replace(/\/$/, ''));
    }),
  ),
});

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
  /** Origins allowed to call the API from a browser (`*` for any); empty when CORS is off. */
  readonly corsOrigins: readonly string[];
}

/**
 * Reads the signup function's configuration from the environment.
 *
 * Variables: `QUEUE_URL` (required), `ACCOUNTS_TABLE` (required, the accounts table's name),
 * `APP_URL` (required, http/https), `TOKEN_SECRET`
 * (at least 32 characters) or else `TOKEN_SECRET_ARN` (a Secrets Manager secret ARN),
 * `CORS_ORIGINS` (optional, comma-separated origins or `*`).
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
    corsOrigins: values.CORS_ORIGINS ?? [],
  };
}
