import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createLambdaContext } from '../../local/lambda/lambda-context.js';

let sequence = 0;

/**
 * Builds one SQS record as the event source mapping delivers it.
 *
 * @param body - the message body
 * @param overrides - fields to replace, e.g. `messageId`
 */
export function makeSqsRecord(body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  sequence += 1;
  return {
    messageId: `message-${sequence}`,
    receiptHandle: `receipt-${sequence}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767225600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1767225600001',
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:email-jobs',
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

/** Builds an SQS event holding the given records. */
export function makeSqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context of the send-email function, with a fixed request id. */
export function makeLambdaContext(): Context {
  return createLambdaContext(
    {
      name: 'send-email',
      timeoutSeconds: 30,
      memorySizeMb: 1024,
      region: 'us-east-1',
      accountId: '123456789012',
    },
    { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' },
  );
}
