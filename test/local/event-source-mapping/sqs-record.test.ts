import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { parseQueueArn, toSqsRecord } from '../../../local/event-source-mapping/sqs-record.js';
import { createLambdaContext } from '../../../local/lambda/lambda-context.js';

const queueArn = 'arn:aws:sqs:eu-west-1:000000000000:email-jobs';

const createMessage = (overrides: Partial<Message> = {}): Message => ({
  MessageId: 'f4b0f4a2-5c43-4e6b-9c0e-6f1f7c8d9e0a',
  ReceiptHandle: 'receipt-1',
  Body: '{"v":1}',
  MD5OfBody: 'a7a7b6ba4d1b4d6f0f1b0b6a1c3e9a40',
  Attributes: {
    ApproximateReceiveCount: '3',
    SentTimestamp: '1773342238000',
    SenderId: '000000000000',
    ApproximateFirstReceiveTimestamp: '1773342238100',
  },
  ...overrides,
});

describe('toSqsRecord', () => {
  it('builds the record Lambda puts in an SQS event', () => {
    // Act
    const record = toSqsRecord(createMessage(), { queueArn, region: 'eu-west-1' });

    // Assess
    expect(record).toEqual({
      messageId: 'f4b0f4a2-5c43-4e6b-9c0e-6f1f7c8d9e0a',
      receiptHandle: 'receipt-1',
      body: '{"v":1}',
      attributes: {
        ApproximateReceiveCount: '3',
        SentTimestamp: '1773342238000',
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: '1773342238100',
      },
      messageAttributes: {},
      md5OfBody: 'a7a7b6ba4d1b4d6f0f1b0b6a1c3e9a40',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'eu-west-1',
    });
  });

  it('maps message attributes to the event shape, binary values as base64', () => {
    // Prepare
    const message = createMessage({
      MessageAttributes: {
        jobId: { DataType: 'String', StringValue: 'job-1' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
      },
      MD5OfMessageAttributes: 'md5-of-attributes',
    });

    // Act
    const record = toSqsRecord(message, { queueArn, region: 'eu-west-1' });

    // Assess
    expect(record.messageAttributes).toEqual({
      jobId: {
        stringValue: 'job-1',
        stringListValues: [],
        binaryListValues: [],
        dataType: 'String',
      },
      blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
    expect(record.md5OfMessageAttributes).toBe('md5-of-attributes');
  });

  it('rejects a message without a receipt handle', () => {
    // Act & Assess
    expect(() =>
      toSqsRecord(createMessage({ ReceiptHandle: undefined }), { queueArn, region: 'eu-west-1' }),
    ).toThrow(/ReceiptHandle/);
  });
});

describe('parseQueueArn', () => {
  it('reads the region and account of a queue ARN', () => {
    // Act & Assess
    expect(parseQueueArn(queueArn)).toEqual({ region: 'eu-west-1', accountId: '000000000000' });
    expect(() => parseQueueArn('arn:aws:sns:eu-west-1:000000000000:topic')).toThrow(/SQS/);
  });
});

describe('createLambdaContext', () => {
  it('counts the remaining time down from the function timeout', () => {
    // Prepare
    const startedAt = Date.now() - 1000;

    // Act
    const context = createLambdaContext(
      {
        name: 'send-email',
        timeoutSeconds: 30,
        memorySizeMb: 1024,
        region: 'eu-west-1',
        accountId: '000000000000',
      },
      { startedAt },
    );

    // Assess
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(28_000);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(29_000);
    expect(context).toMatchObject({
      functionName: 'send-email',
      memoryLimitInMB: '1024',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:send-email',
      logGroupName: '/aws/lambda/send-email',
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
