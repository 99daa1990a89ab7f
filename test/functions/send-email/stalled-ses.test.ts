import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { sesClientConfig } from '../../../functions/commons/clients/client-config.js';
import { settings } from '../../../lib/settings.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { startStalledServer } from '../commons/clients/stalled-server.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { setWorkerQueueEnvironment } from './worker-events.js';

// The SES client is real and its endpoint accepts the connection and never answers: the send
// must fail in time for the worker to schedule the retry within its own timeout.
const stalled = await startStalledServer();
Object.assign(process.env, {
  AWS_ENDPOINT_URL_SESV2: stalled.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  MAIL_SENDER: 'no-reply@example.com',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
setWorkerQueueEnvironment();
const { handler } = await import('../../../functions/send-email/index.js');

const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);
fakeIdempotencyTable(dynamoDb);
sqs.on(ChangeMessageVisibilityCommand).resolves({});

afterAll(async () => {
  await stalled.stop();
});

describe('send-email when SES accepts the connection and never answers', () => {
  it('fails the record with its retry scheduled, every SDK attempt made, within the worker timeout', async () => {
    // Prepare
    const record = makeSqsRecord(JSON.stringify(makeEmailJob()));

    // Act
    const started = performance.now();
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());
    const elapsedMs = performance.now() - started;

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityCommand, 1);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    expect(stalled.connections()).toBe(sesClientConfig.maxAttempts);
    expect(elapsedMs).toBeLessThan(settings.worker.timeoutSeconds * 1000);
  }, 60_000);
});
