import { vi } from 'vitest';
import { settings, signupSettingsEnvironment } from '../../../lib/settings.js';
import { testAccountsTable } from './accounts-table-mock.js';

/** The token key the signup tests configure (at least 32 characters). */
export const testTokenSecret = 'test-secret-0123456789abcdef-0123456789';
/** How the signup tests sign confirmation tokens, as the function does. */
export const testTokenOptions = { secret: testTokenSecret, ttlSeconds: settings.token.ttlSeconds };
/** The queue URL the signup tests configure. */
export const testQueueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs';
/** The public base URL the signup tests configure. */
export const testAppUrl = 'https://signup.example.com';

/**
 * Sets the signup function's environment and imports its handler afresh, so module-scope
 * configuration is read from this environment (as at a cold start).
 *
 * @param overrides - variables to set (or, with `undefined`, to remove) on top of the defaults
 */
export async function importSignupHandler(overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
    AWS_REGION: 'us-east-1',
    QUEUE_URL: testQueueUrl,
    ACCOUNTS_TABLE: testAccountsTable,
    APP_URL: testAppUrl,
    TOKEN_SECRET: testTokenSecret,
    TOKEN_SECRET_ARN: undefined,
    // The per-client limit off: these tests sign up many addresses from one client and
    // script the accounts table's answers; the limit's own tests turn it on.
    ...signupSettingsEnvironment({ signupLimitPerClient: 0 }),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return import('../../../functions/signup/index.js');
}
