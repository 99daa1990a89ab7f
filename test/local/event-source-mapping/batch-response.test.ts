import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readBatchResponse } from '../../../local/event-source-mapping/batch-response.js';

const createRecord = (messageId: string): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body: '{}',
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1773342238000',
    SenderId: '000000000000',
    ApproximateFirstReceiveTimestamp: '1773342238100',
  },
  messageAttributes: {},
  md5OfBody: '99914b932bd37a50b983c5e7c90ae93b',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:email-jobs',
  awsRegion: 'us-east-1',
});

const records = [createRecord('m1'), createRecord('m2'), createRecord('m3')];
const ids = (list: readonly SQSRecord[]) => list.map((record) => record.messageId);

describe('readBatchResponse', () => {
  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }])(
    'treats %j as a complete success',
    (response) => {
      // Act
      const outcome = readBatchResponse(records, response);

      // Assess
      expect(ids(outcome.succeeded)).toEqual(['m1', 'm2', 'm3']);
      expect(outcome.failed).toEqual([]);
    },
  );

  it('fails only the records named in batchItemFailures', () => {
    // Act
    const outcome = readBatchResponse(records, { batchItemFailures: [{ itemIdentifier: 'm2' }] });

    // Assess
    expect(ids(outcome.succeeded)).toEqual(['m1', 'm3']);
    expect(ids(outcome.failed)).toEqual(['m2']);
    expect(outcome.invalidResponse).toBeUndefined();
  });

  it.each([
    ['an unknown message id', { batchItemFailures: [{ itemIdentifier: 'other' }] }],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a missing itemIdentifier', { batchItemFailures: [{ id: 'm1' }] }],
    ['a batchItemFailures that is not a list', { batchItemFailures: 'm1' }],
    ['a response that is not an object', 'done'],
  ])('fails the whole batch for %s', (_case, response) => {
    // Act
    const outcome = readBatchResponse(records, response);

    // Assess
    expect(outcome.succeeded).toEqual([]);
    expect(ids(outcome.failed)).toEqual(['m1', 'm2', 'm3']);
    expect(outcome.invalidResponse).toEqual(expect.any(String));
  });
});
