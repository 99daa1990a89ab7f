import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { verifyConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent, makeSignupEvent } from '../../factories/api-gateway-events.js';
import { acceptEveryAccountWrite } from './accounts-table-mock.js';
import { importSignupHandler } from './signup-env.js';

const sqs = mockClient(SQSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const secretsManager = mockClient(SecretsManagerClient);
const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:signup-token-AbCdEf';
const key = 'key-from-secrets-manager-0123456789abcdef';
let handler: Awaited<ReturnType<typeof importSignupHandler>>['handler'];

beforeAll(async () => {
  ({ handler } = await importSignupHandler({ TOKEN_SECRET: undefined, TOKEN_SECRET_ARN: arn }));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  sqs.reset();
  ddb.reset();
  acceptEveryAccountWrite(ddb);
  secretsManager.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
});

describe('signup with TOKEN_SECRET_ARN', () => {
  it('answers /health without fetching the secret', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/health' }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(secretsManager).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('answers 503 with Retry-After and queues nothing when Secrets Manager fails', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(result.body).not.toContain('AccessDenied');
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('signs links with the fetched key, fetching it once for many requests', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: key });

    // Act
    await handler(makeSignupEvent({ email: 'ann@example.com' }));
    await handler(makeSignupEvent({ email: 'bob@example.com' }));

    // Assess
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    const bodies = sqs
      .commandCalls(SendMessageCommand)
      .map((call) => call.args[0].input.MessageBody ?? '');
    const links = bodies.map(
      (body) => new URL(String(emailJobSchema.parse(JSON.parse(body)).props.confirmUrl)),
    );
    const verified = links.map((link) =>
      verifyConfirmationToken(link.searchParams.get('token') ?? '', { secret: key }),
    );
    expect(verified).toMatchObject([
      { ok: true, email: 'ann@example.com' },
      { ok: true, email: 'bob@example.com' },
    ]);
  });
});
