import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dependencyClientConfig } from '../../../functions/commons/clients/client-config.js';
import { settings } from '../../../lib/settings.js';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { type StalledServer, startStalledServer } from '../commons/clients/stalled-server.js';
import {
  type DynaliteAccountsTable,
  startDynaliteAccountsTable,
} from './dynalite-accounts-table.js';
import { importSignupHandler } from './signup-env.js';

// Real SDK clients, no mocks: a dependency that accepts the connection and never answers must
// end in the documented 503 with Retry-After before the function's timeout, retries included.
// Without SDK timeouts the request waits as long as the socket stays open.
let stalled: StalledServer;
let table: DynaliteAccountsTable;

beforeAll(async () => {
  stalled = await startStalledServer();
  table = await startDynaliteAccountsTable();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stalled.stop();
  await table.stop();
});

describe('POST /signup when a dependency accepts the connection and never answers', () => {
  it.each([
    ['DynamoDB', { AWS_ENDPOINT_URL_DYNAMODB: 'stalled' }],
    // The SQS client sends to the queue URL's host; the claim is released in DynamoDB.
    [
      'SQS',
      { QUEUE_URL: 'stalled/123456789012/email-jobs', AWS_ENDPOINT_URL_DYNAMODB: 'dynalite' },
    ],
    [
      'Secrets Manager',
      {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: 'stalled',
        TOKEN_SECRET: undefined,
        TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf',
      },
    ],
  ])(
    'answers 503 with Retry-After within the function timeout when %s stalls',
    async (_, env) => {
      // Prepare
      const resolved = Object.fromEntries(
        Object.entries(env).map(([name, value]) => [
          name,
          value?.replace(/^stalled/, stalled.endpoint).replace(/^dynalite$/, table.endpoint),
        ]),
      );
      const { handler } = await importSignupHandler({
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        ACCOUNTS_TABLE: table.tableName,
        ...resolved,
      });
      const connectionsBefore = stalled.connections();

      // Act
      const started = performance.now();
      const result = await handler(makeSignupEvent({ email: 'stall@example.com', name: 'Stan' }));
      const elapsedMs = performance.now() - started;

      // Assess
      expect(result.statusCode).toBe(503);
      expect(result.headers?.['retry-after']).toBe(String(settings.api.retryAfterSeconds));
      expect(JSON.parse(result.body ?? '{}')).toMatchObject({ status: 503 });
      // Every attempt the SDK makes (a timeout is retried), then the answer, within the deadline.
      expect(stalled.connections() - connectionsBefore).toBe(dependencyClientConfig.maxAttempts);
      expect(elapsedMs).toBeLessThan(settings.api.timeoutSeconds * 1000);
    },
    20_000,
  );
});
