import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  InternalServiceErrorException,
  MessageRejected,
  SESv2Client,
  SESv2ServiceException,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
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
// Above the receive counts these tests use, so they see backoff, not the last-receive move to
// the DLQ (retries-exhausted.test.ts covers that).
process.env.MAX_RECEIVE_COUNT = '10';
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);
/** The largest number `Math.random` can return: each delay at the top of its range. */
const almostOne = 1 - Number.EPSILON / 2;

const throttled = () =>
  new TooManyRequestsException({
    message: 'Maximum sending rate exceeded',
    $metadata: { httpStatusCode: 429 },
  });
const rejected = () =>
  new MessageRejected({
    message: 'Email address is not verified: ann@example.com',
    $metadata: { httpStatusCode: 400 },
  });

/** Runs one record on its `receiveCount`-th receive through the worker. */
async function deliver(body: string, receiveCount = '1') {
  const record = withReceiveCount(makeSqsRecord(body), receiveCount);
  const result = await handler(makeSqsEvent([record]), makeLambdaContext());
  return { record, result };
}

/** Every log line written so far, parsed. */
function readLogs(...spies: { mock: { calls: unknown[][] } }[]): Record<string, unknown>[] {
  return spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
}

describe('send-email worker, failures', () => {
  let warnLog: MockInstance<typeof console.warn>;
  let errorLog: MockInstance<typeof console.error>;
  let infoLog: MockInstance<typeof console.info>;

  beforeEach(() => {
    ses.reset();
    sqs.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    vi.spyOn(Math, 'random').mockReturnValue(almostOne);
    infoLog = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    warnLog = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('moves a job SES rejects to the DLQ with its reason, reports it handled, and does not retry it', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(rejected());
    const job = makeEmailJob();

    // Act
    const { record, result } = await deliver(JSON.stringify(job), '2');

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageBody: record.body,
      MessageAttributes: expect.objectContaining({
        errorName: { DataType: 'String', StringValue: 'MessageRejected' },
        errorMessage: {
          DataType: 'String',
          StringValue: 'Email address is not verified: [address]',
        },
        attemptCount: { DataType: 'Number', StringValue: '2' },
        firstSeenAt: { DataType: 'String', StringValue: '2026-01-01T00:00:00.001Z' },
        jobId: { DataType: 'String', StringValue: job.id },
      }),
    });
    expect(JSON.stringify(readLogs(infoLog, warnLog, errorLog))).not.toContain('ann@example.com');
  });

  it('moves a job IAM refused to the DLQ at once, saying which permission is missing, not to whom', async () => {
    // Prepare: the refusal the SES sandbox gives when the role may not use the recipient's identity.
    ses.on(SendEmailCommand).rejects(
      new SESv2ServiceException({
        name: 'AccessDeniedException',
        message:
          'User: arn:aws:sts::123456789012:assumed-role/Worker/send-email is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:eu-west-1:123456789012:identity/ann@example.com',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );

    // Act
    const { result } = await deliver(JSON.stringify(makeEmailJob()), '1');

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
    const attributes = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes;
    expect(attributes).toMatchObject({
      errorName: { StringValue: 'AccessDeniedException' },
      errorReason: { StringValue: 'missing-permission' },
      errorMessage: {
        StringValue: expect.stringContaining(
          'may not ses:SendEmail on arn:aws:ses:eu-west-1:123456789012:identity/[identity]',
        ),
      },
    });
    const recorded = JSON.stringify([attributes, readLogs(infoLog, warnLog, errorLog)]);
    expect(recorded).not.toContain('ann@example.com');
    expect(recorded).not.toContain('identity/ann');
  });

  it('lets a later delivery of a rejected job send, once the cause is fixed and it is redriven', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejectsOnce(rejected()).resolves({ MessageId: 'ses-message-2' });
    const body = JSON.stringify(makeEmailJob());
    await deliver(body);

    // Act
    const { result } = await deliver(body);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('keeps the record failed, and backs it off, when the DLQ refuses it', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(rejected());
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));

    // Act
    const { record, result } = await deliver(JSON.stringify(makeEmailJob()));

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
      ReceiptHandle: record.receiptHandle,
    });
    expect(readLogs(errorLog)).toContainEqual(
      expect.objectContaining({
        message: 'Sending to the DLQ failed; the record stays in the queue',
      }),
    );
  });

  it.each([
    { description: 'throttling', error: throttled },
    {
      description: 'an SES server error',
      error: () =>
        new InternalServiceErrorException({ message: 'oops', $metadata: { httpStatusCode: 500 } }),
    },
    {
      description: 'a network error',
      error: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    },
    { description: 'an error it does not know', error: () => new TypeError('surprise') },
  ])(
    'retries a job that failed with $description, and does not dead-letter it',
    async ({ error }) => {
      // Prepare
      ses.on(SendEmailCommand).rejects(error());

      // Act
      const { record, result } = await deliver(JSON.stringify(makeEmailJob()));

      // Assess
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
        QueueUrl: workerQueueEnvironment.QUEUE_URL,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: 30,
      });
    },
  );

  it('backs a throttled job off longer with each receive, within the full-jitter bounds', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(throttled());
    const body = JSON.stringify(makeEmailJob());

    // Act
    for (const receiveCount of ['1', '2', '3', '4', '5', '6']) await deliver(body, receiveCount);
    vi.mocked(Math.random).mockReturnValue(0);
    await deliver(body, '5');

    // Assess
    const delays = sqs
      .commandCalls(ChangeMessageVisibilityCommand)
      .map((call) => call.args[0].input.VisibilityTimeout);
    expect(delays).toEqual([30, 60, 120, 240, 300, 300, 0]);
  });

  it('still fails a transient record, and logs it, when ChangeMessageVisibility fails', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(throttled());
    sqs.on(ChangeMessageVisibilityCommand).rejects(new Error('ReceiptHandleIsInvalid'));

    // Act
    const { record, result } = await deliver(JSON.stringify(makeEmailJob()));

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(readLogs(warnLog)).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/^ChangeMessageVisibility failed/),
      }),
    );
  });

  it('sends nothing for a second delivery of a job it has sent, and reports it handled', async () => {
    // Prepare
    const body = JSON.stringify(makeEmailJob());
    await deliver(body);

    // Act
    const { result } = await deliver(body, '2');

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(readLogs(infoLog)).toContainEqual(
      expect.objectContaining({
        message: 'Email already sent; a redelivery sends nothing',
        sesMessageId: 'ses-message-1',
      }),
    );
  });

  it('sends a job delivered twice in one batch only once, and retries the copy', async () => {
    // Prepare
    const body = JSON.stringify(makeEmailJob());
    const records = [makeSqsRecord(body), makeSqsRecord(body)];

    // Act
    const result = await handler(makeSqsEvent(records), makeLambdaContext());

    // Assess
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(result.batchItemFailures).toHaveLength(1);
    expect(readLogs(errorLog)).toContainEqual(
      expect.objectContaining({
        errorName: 'IdempotencyAlreadyInProgressError',
        handling: 'retry',
      }),
    );
  });

  it('reports a job handled when SES accepted it but its record could not be saved', async () => {
    // Prepare
    dynamoDb.on(UpdateItemCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    // Act
    const { result } = await deliver(JSON.stringify(makeEmailJob()));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(readLogs(warnLog)).toContainEqual(
      expect.objectContaining({ message: 'Email sent, but its idempotency record was not saved' }),
    );
  });

  it('sends nothing and retries when the idempotency table cannot be written', async () => {
    // Prepare
    dynamoDb.on(PutItemCommand).rejects(new Error('connect ECONNREFUSED'));

    // Act
    const { record, result } = await deliver(JSON.stringify(makeEmailJob()));

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
