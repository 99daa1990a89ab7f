import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type EmailJob, emailJobSchema } from '../../../functions/commons/email-job.js';
import { settings } from '../../../lib/settings.js';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { makeAccount, makeConditionFailure, testAccountsTable } from './accounts-table-mock.js';
import { testAppUrl } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const { sqs, ddb, handler } = prepareSignupHandler({ acceptAccountWrites: false, now });
const cooldownMs = settings.accounts.resendCooldownSeconds * 1000;
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The inputs of the UpdateItem calls, in order. */
function updates() {
  return ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
}

/** The jobs sent to the queue, in order. */
function queuedJobs(): EmailJob[] {
  return sqs
    .commandCalls(SendMessageCommand)
    .map((call) => emailJobSchema.parse(JSON.parse(call.args[0].input.MessageBody ?? '')));
}

describe('POST /signup with the accounts table', () => {
  it('creates a pending account for a new address and queues its confirmation link', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    const result = await handler(makeSignupEvent({ email: 'Ann@Example.com', name: 'Ann' }));

    // Assess
    expect(result.statusCode).toBe(202);
    const [claim] = updates();
    expect(claim).toMatchObject({
      TableName: testAccountsTable,
      Key: { emailKey: 'ann@example.com' },
      ConditionExpression: expect.stringMatching(/^attribute_not_exists\(#emailKey\) OR/),
      ExpressionAttributeValues: {
        ':email': 'Ann@example.com',
        ':pending': 'pending',
        ':now': now,
        ':cutoff': now - cooldownMs,
        ':expiresAt': now / 1000 + settings.accounts.pendingRetentionSeconds,
      },
    });
    const [job] = queuedJobs();
    expect(job).toMatchObject({ template: 'verify-email', to: { email: 'Ann@example.com' } });
    expect(claim?.ExpressionAttributeValues?.[':jobId']).toBe(job?.id);
    expect(JSON.parse(result.body ?? '')).toEqual({ id: job?.id, status: 'queued' });
  });

  it('sends a pending account a new link once its last one is a cooldown old', async () => {
    // Prepare: DynamoDB lets the claim pass only for lastEmailAt <= :cutoff.
    ddb.on(UpdateCommand).resolves({});

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(updates()).toEqual([
      expect.objectContaining({
        ConditionExpression: expect.stringMatching(
          /#status = :pending AND .*\(attribute_not_exists\(#lastEmailAt\) OR #lastEmailAt <= :cutoff\)/,
        ),
        ExpressionAttributeValues: expect.objectContaining({ ':cutoff': now - cooldownMs }),
      }),
    ]);
    expect(queuedJobs().map((job) => job.template)).toEqual(['verify-email']);
  });

  it('sends nothing to a pending account within its cooldown, and answers the same 202', async () => {
    // Prepare: both claims fail their condition.
    ddb.on(UpdateCommand).rejects(makeConditionFailure());

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(result.headers).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    const body = JSON.parse(result.body ?? '');
    expect(Object.keys(body)).toEqual(['id', 'status']);
    expect(body).toEqual({ id: expect.stringMatching(uuidV4), status: 'queued' });
    expect(updates()).toHaveLength(2);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('sends a confirmed account the already-registered notice, in its own language, with when it was confirmed', async () => {
    // Prepare
    const account = makeAccount({
      email: 'Ann@example.com',
      name: 'Ann Owner',
      locale: 'de',
      status: 'confirmed',
      confirmedAt: '2026-02-01T08:00:00.000Z',
    });
    ddb.on(UpdateCommand).callsFake((input: UpdateCommand['input']) => {
      if (input.ExpressionAttributeValues?.[':confirmed'] === undefined) {
        throw makeConditionFailure();
      }
      return { Attributes: account };
    });

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com', name: 'Mallory' }));

    // Assess
    expect(result.statusCode).toBe(202);
    const [, notice] = updates();
    expect(notice).toMatchObject({
      Key: { emailKey: 'ann@example.com' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':cutoff': now - cooldownMs },
    });
    const [job] = queuedJobs();
    expect(job).toMatchObject({
      template: 'already-registered',
      to: { email: 'Ann@example.com', name: 'Ann Owner' },
      props: {
        name: 'Ann Owner',
        confirmedAt: '2026-02-01T08:00:00.000Z',
        appUrl: testAppUrl,
        locale: 'de',
      },
    });
    expect(JSON.parse(result.body ?? '')).toEqual({ id: job?.id, status: 'queued' });
  });

  it('releases the claim when SQS refuses the job, so a retry is not held off', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(503);
    const [claim, release] = updates();
    expect(release).toMatchObject({
      Key: { emailKey: 'ann@example.com' },
      UpdateExpression: 'REMOVE #lastEmailAt, #lastEmailJobId',
      ConditionExpression: '#lastEmailJobId = :jobId',
      ExpressionAttributeValues: { ':jobId': claim?.ExpressionAttributeValues?.[':jobId'] },
    });
  });

  it('answers 503 and queues nothing when DynamoDB fails', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(
      new DynamoDBServiceException({
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: {},
        message: 'slow down',
      }),
    );

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe(String(settings.api.retryAfterSeconds));
    expect(result.body).not.toMatch(/Provisioned|slow down/);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
