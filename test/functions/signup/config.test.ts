import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../functions/commons/errors.js';
import { loadSignupConfig } from '../../../functions/signup/config.js';
import { settings, signupSettingsEnvironment } from '../../../lib/settings.js';
import { testAccountsTable } from './accounts-table-mock.js';
import { importSignupHandler, testAppUrl, testQueueUrl, testTokenSecret } from './signup-env.js';

const validEnv = {
  QUEUE_URL: testQueueUrl,
  ACCOUNTS_TABLE: testAccountsTable,
  APP_URL: testAppUrl,
  TOKEN_SECRET: testTokenSecret,
  ...signupSettingsEnvironment(),
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('signup configuration', () => {
  it('reads a valid environment, dropping the trailing slash of APP_URL', () => {
    // Act
    const config = loadSignupConfig({ ...validEnv, APP_URL: 'https://api.example.com/prod/' });

    // Assess
    expect(config).toEqual({
      queueUrl: testQueueUrl,
      accountsTable: testAccountsTable,
      appUrl: 'https://api.example.com/prod',
      homeUrl: 'https://api.example.com/prod',
      tokenSecret: { kind: 'value', value: testTokenSecret },
      maxBodyBytes: settings.api.maxBodyBytes,
      retryAfterSeconds: settings.api.retryAfterSeconds,
      tokenTtlSeconds: settings.token.ttlSeconds,
      resendCooldownSeconds: settings.accounts.resendCooldownSeconds,
      pendingRetentionSeconds: settings.accounts.pendingRetentionSeconds,
      signupLimitPerClient: settings.accounts.signupLimitPerClient,
      signupLimitWindowSeconds: settings.accounts.signupLimitWindowSeconds,
    });
  });

  it.each([
    ['0', 0],
    ['25', 25],
  ])('reads SIGNUP_LIMIT_PER_CLIENT=%s (0 turns the limit off)', (value, limit) => {
    // Act
    const config = loadSignupConfig({ ...validEnv, SIGNUP_LIMIT_PER_CLIENT: value });

    // Assess
    expect(config.signupLimitPerClient).toBe(limit);
  });

  it.each(['-1', '2.5', 'ten'])('names SIGNUP_LIMIT_PER_CLIENT=%s as invalid', (value) => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, SIGNUP_LIMIT_PER_CLIENT: value });

    // Assess
    expect(load).toThrow(/SIGNUP_LIMIT_PER_CLIENT is invalid/);
  });

  it.each(['QUEUE_URL', 'ACCOUNTS_TABLE', 'APP_URL', ...Object.keys(signupSettingsEnvironment())])(
    'names %s when it is missing',
    (name) => {
      // Prepare
      const env: Record<string, string> = { ...validEnv };
      delete env[name];

      // Act
      const load = () => loadSignupConfig(env);

      // Assess
      expect(load).toThrow(ConfigurationError);
      expect(load).toThrow(`${name} is not set`);
    },
  );

  it("takes the app's home from HOME_URL, as given, else the API's own URL", () => {
    // Act
    const { homeUrl } = loadSignupConfig({ ...validEnv, HOME_URL: 'https://app.acme.example/' });

    // Assess
    expect(homeUrl).toBe('https://app.acme.example/');
    expect(loadSignupConfig({ ...validEnv, HOME_URL: '' }).homeUrl).toBe(testAppUrl);
  });

  it('names HOME_URL when it is not an http(s) URL', () => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, HOME_URL: 'javascript:alert(1)' });

    // Assess
    expect(load).toThrow(/HOME_URL is invalid/);
  });

  it('names TOKEN_SECRET when it is shorter than 32 characters, without echoing it', () => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, TOKEN_SECRET: 'short-secret' });

    // Assess
    expect(load).toThrow(/TOKEN_SECRET is invalid/);
    expect(load).not.toThrow(/short-secret/);
  });

  it('names both TOKEN_SECRET and TOKEN_SECRET_ARN when neither is set', () => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, TOKEN_SECRET: '' });

    // Assess
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/TOKEN_SECRET is not set and TOKEN_SECRET_ARN is not set/);
  });

  it('takes the secret from Secrets Manager when only TOKEN_SECRET_ARN is set', () => {
    // Prepare
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf';

    // Act
    const config = loadSignupConfig({
      ...validEnv,
      TOKEN_SECRET: undefined,
      TOKEN_SECRET_ARN: arn,
    });

    // Assess
    expect(config.tokenSecret).toEqual({ kind: 'secrets-manager', arn });
  });

  it('fails the cold start of the handler with the missing variable named', async () => {
    // Act
    const importing = importSignupHandler({ QUEUE_URL: undefined });

    // Assess
    await expect(importing).rejects.toThrow('QUEUE_URL is not set');
  });

  it.each(['0', '-5', '1.5', 'soon'])('names TOKEN_TTL_SECONDS=%s as invalid', (value) => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, TOKEN_TTL_SECONDS: value });

    // Assess
    expect(load).toThrow(/TOKEN_TTL_SECONDS is invalid/);
  });

  it('names ACCOUNTS_TABLE when it is not a DynamoDB table name', () => {
    // Act
    const load = () => loadSignupConfig({ ...validEnv, ACCOUNTS_TABLE: 'accounts table!' });

    // Assess
    expect(load).toThrow(/ACCOUNTS_TABLE is invalid: must be a DynamoDB table name/);
  });
});
