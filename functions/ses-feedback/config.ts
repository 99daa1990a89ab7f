import * as z from 'zod';
import { readEnv, requiredString } from '../commons/helpers/env.js';

const feedbackEnvironmentSchema = z.object({
  /** The accounts table, whose accounts a hard bounce or complaint marks undeliverable. */
  ACCOUNTS_TABLE: requiredString(),
});

/** The SES feedback function's configuration, read once at cold start. */
export interface FeedbackConfig {
  /** Name of the accounts table. */
  readonly accountsTable: string;
}

/**
 * Reads the feedback function's environment: `ACCOUNTS_TABLE` is required.
 *
 * @param env - the environment; `process.env` by default
 * @throws ConfigurationError naming the missing variable
 */
export function readFeedbackConfig(env: NodeJS.ProcessEnv = process.env): FeedbackConfig {
  return { accountsTable: readEnv(feedbackEnvironmentSchema, env).ACCOUNTS_TABLE };
}
