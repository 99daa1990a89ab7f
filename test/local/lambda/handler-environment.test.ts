import { describe, expect, it } from 'vitest';
import {
  configureHandlerEnvironment,
  type LocalEndpoints,
} from '../../../local/lambda/handler-environment.js';

function makeEndpoints(): LocalEndpoints {
  return {
    region: 'us-east-1',
    sqsEndpoint: 'http://sqs.us-east-1.localhost:9324',
    sesEndpoint: 'http://127.0.0.1:8005',
    queueUrl: 'http://sqs.us-east-1.localhost:9324/000000000000/jobs',
    dlqUrl: 'http://sqs.us-east-1.localhost:9324/000000000000/jobs-dlq',
    dynamoDbEndpoint: 'http://127.0.0.1:8000',
    idempotencyTable: 'signup-mailer-idempotency',
    accountsTable: 'signup-mailer-accounts',
    apiUrl: 'http://localhost:3000',
  };
}

describe('the local handlers’ environment', () => {
  it('points both functions at the emulators, the accounts table included, with dummy credentials', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { AWS_PROFILE: 'production', AWS_SESSION_TOKEN: 'real' };

    // Act
    configureHandlerEnvironment(makeEndpoints(), env, false);

    // Assess
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      ACCOUNTS_TABLE: 'signup-mailer-accounts',
      IDEMPOTENCY_TABLE: 'signup-mailer-idempotency',
      AWS_ACCESS_KEY_ID: 'local',
    });
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
  });

  it('accepts recipients in the domains reserved for examples, as the quick start mails ann@example.com', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {};

    // Act
    configureHandlerEnvironment(makeEndpoints(), env, false);

    // Assess
    expect(env.ALLOW_EXAMPLE_RECIPIENTS).toBe('true');
  });

  it('pretty-prints the logs in a terminal and keeps metrics off', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {};

    // Act
    configureHandlerEnvironment(makeEndpoints(), env, true);

    // Assess
    expect(env).toMatchObject({ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'true' });
  });

  it('keeps one JSON line per log entry when the output is not a terminal, metrics off', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {};

    // Act
    configureHandlerEnvironment(makeEndpoints(), env, false);

    // Assess
    expect(env).toMatchObject({ POWERTOOLS_DEV: 'false', POWERTOOLS_METRICS_DISABLED: 'true' });
  });

  it('leaves the log format and metrics switches the person set', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {
      POWERTOOLS_DEV: 'false',
      POWERTOOLS_METRICS_DISABLED: 'false',
    };

    // Act
    configureHandlerEnvironment(makeEndpoints(), env, true);

    // Assess
    expect(env).toMatchObject({ POWERTOOLS_DEV: 'false', POWERTOOLS_METRICS_DISABLED: 'false' });
  });
});
