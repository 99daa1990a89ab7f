import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import {
  setWorkerQueueEnvironment,
  withReceiveCount,
  workerQueueEnvironment,
} from './worker-events.js';

process.env.MAIL_SENDER = 'no-reply@example.com';
process.env.POWERTOOLS_DEV = 'true';
setWorkerQueueEnvironment();
// MAX_RECEIVE_COUNT as the stacks set it: the queue's maxReceiveCount from lib/settings.ts.
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);
const lastReceive = String(settings.queue.maxReceiveCount);

describe('send-email worker, on the last receive the redrive policy allows', () => {
  beforeEach(() => {
    ses.reset();
    sqs.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).rejects(
      new TooManyRequestsException({
        message: 'Maximum sending rate exceeded',
        $metadata: { httpStatusCode: 429 },
      }),
    );
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('moves a job that still fails to the DLQ with the reason retries-exhausted and reports it handled', async () => {
    // Prepare
    const job = makeEmailJob();
    const record = withReceiveCount(makeSqsRecord(JSON.stringify(job)), lastReceive);

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageBody: record.body,
      MessageAttributes: expect.objectContaining({
        errorName: { DataType: 'String', StringValue: 'TooManyRequestsException' },
        errorReason: { DataType: 'String', StringValue: 'retries-exhausted' },
        attemptCount: { DataType: 'Number', StringValue: lastReceive },
        jobId: { DataType: 'String', StringValue: job.id },
      }),
    });
  });

  it('still retries the same failure one receive earlier', async () => {
    // Prepare
    const earlier = String(settings.queue.maxReceiveCount - 1);
    const record = withReceiveCount(makeSqsRecord(JSON.stringify(makeEmailJob())), earlier);

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('keeps the record failed when the DLQ refuses it on the last receive', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(new Error('ServiceUnavailable'));
    const record = withReceiveCount(makeSqsRecord(JSON.stringify(makeEmailJob())), lastReceive);

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess: SQS's redrive policy is the safety net that still moves it.
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });
});
