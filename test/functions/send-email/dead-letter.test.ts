import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  buildDeadLetterAttributes,
  redactMailboxes,
  sendToDeadLetterQueue,
} from '../../../functions/send-email/dead-letter.js';
import { formatAddress } from '../../../functions/send-email/format-address.js';
import { makeSqsRecord } from '../../factories/sqs-event.js';
import { withReceiveCount, workerQueueEnvironment } from './worker-events.js';

const sqs = mockClient(SQSClient);
const dlqUrl = workerQueueEnvironment.DLQ_URL;
const reason = {
  errorName: 'MessageRejected',
  errorMessage: 'Email address is not verified: ann@example.com',
  jobId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
};

/** A record carrying `count` String attributes named attr1, attr2, ... */
function makeRecordWithAttributes(count: number): SQSRecord {
  const messageAttributes = Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `attr${index + 1}`,
      {
        dataType: 'String',
        stringValue: `value${index + 1}`,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
  return makeSqsRecord('{}', { messageAttributes });
}

describe('buildDeadLetterAttributes', () => {
  it('carries the error, receive count, first receive time and job id', () => {
    // Prepare
    const record = withReceiveCount(makeSqsRecord('{}', { messageId: 'message-7' }), '3');

    // Act
    const attributes = buildDeadLetterAttributes(record, reason);

    // Assess
    expect(attributes).toEqual({
      errorName: { DataType: 'String', StringValue: 'MessageRejected' },
      errorMessage: { DataType: 'String', StringValue: 'Email address is not verified: [address]' },
      attemptCount: { DataType: 'Number', StringValue: '3' },
      firstSeenAt: { DataType: 'String', StringValue: '2026-01-01T00:00:00.001Z' },
      jobId: { DataType: 'String', StringValue: reason.jobId },
      sourceMessageId: { DataType: 'String', StringValue: 'message-7' },
    });
  });

  it('adds the reason code of an invalid job', () => {
    // Act
    const attributes = buildDeadLetterAttributes(makeSqsRecord('x'), {
      errorName: 'InvalidEmailJobError',
      errorMessage: 'The message body is not JSON',
      errorReason: 'invalid-json',
    });

    // Assess
    expect(attributes.errorReason).toEqual({ DataType: 'String', StringValue: 'invalid-json' });
    expect(attributes).not.toHaveProperty('jobId');
  });

  it('falls back to the jobId message attribute when the body is not a job', () => {
    // Prepare
    const record = makeSqsRecord('not json', {
      messageAttributes: {
        jobId: {
          dataType: 'String',
          stringValue: 'job-from-attribute',
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });

    // Act
    const attributes = buildDeadLetterAttributes(record, { errorName: 'X', errorMessage: 'y' });

    // Assess
    expect(attributes.jobId).toEqual({ DataType: 'String', StringValue: 'job-from-attribute' });
  });

  it('keeps the original attributes, String and Binary, so a redrive looks like the original', () => {
    // Prepare
    const record = makeSqsRecord('{}', {
      messageAttributes: {
        traceId: {
          dataType: 'String',
          stringValue: 'trace-1',
          stringListValues: [],
          binaryListValues: [],
        },
        digest: {
          dataType: 'Binary',
          binaryValue: 'AAEC',
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });

    // Act
    const attributes = buildDeadLetterAttributes(record, reason);

    // Assess
    expect(attributes.traceId).toEqual({ DataType: 'String', StringValue: 'trace-1' });
    expect(attributes.digest).toEqual({ DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]) });
  });

  it('replaces the reason of an earlier trip through the DLQ', () => {
    // Prepare
    const record = makeSqsRecord('{}', {
      messageAttributes: {
        errorName: {
          dataType: 'String',
          stringValue: 'Old',
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });

    // Act
    const attributes = buildDeadLetterAttributes(record, reason);

    // Assess
    expect(attributes.errorName?.StringValue).toBe('MessageRejected');
  });

  it('stays within the 10 attributes SQS allows, reason first', () => {
    // Act
    const attributes = buildDeadLetterAttributes(makeRecordWithAttributes(9), reason);

    // Assess
    expect(Object.keys(attributes)).toHaveLength(10);
    expect(attributes).toHaveProperty('errorName');
    expect(attributes).toHaveProperty('jobId');
  });

  it('cuts a long message and replaces characters SQS refuses', () => {
    // Act
    const attributes = buildDeadLetterAttributes(makeSqsRecord('{}'), {
      errorName: 'Error',
      errorMessage: `bad\u0000byte\ud800${'x'.repeat(5000)}`,
    });

    // Assess
    const message = attributes.errorMessage?.StringValue ?? '';
    expect(message.startsWith('bad\ufffdbyte\ufffdx')).toBe(true);
    expect(message).toHaveLength(1024);
  });

  it('keeps the first sighting and counts every receive of a job redriven from the DLQ', () => {
    // Prepare: the attributes of its first trip, which a redrive carries back to the queue
    const record = withReceiveCount(
      makeSqsRecord('{}', {
        messageAttributes: {
          firstSeenAt: {
            dataType: 'String',
            stringValue: '2025-12-31T23:00:00.000Z',
            stringListValues: [],
            binaryListValues: [],
          },
          attemptCount: {
            dataType: 'Number',
            stringValue: '5',
            stringListValues: [],
            binaryListValues: [],
          },
        },
      }),
      '2',
    );

    // Act
    const attributes = buildDeadLetterAttributes(record, reason);

    // Assess
    expect(attributes.firstSeenAt).toEqual({
      DataType: 'String',
      StringValue: '2025-12-31T23:00:00.000Z',
    });
    expect(attributes.attemptCount).toEqual({ DataType: 'Number', StringValue: '7' });
  });

  it('omits firstSeenAt when the record has no usable first receive time', () => {
    // Prepare
    const base = makeSqsRecord('{}');
    const record = {
      ...base,
      attributes: { ...base.attributes, ApproximateFirstReceiveTimestamp: 'soon' },
    };

    // Act
    const attributes = buildDeadLetterAttributes(record, reason);

    // Assess
    expect(attributes).not.toHaveProperty('firstSeenAt');
  });
});

describe('sendToDeadLetterQueue', () => {
  beforeEach(() => {
    sqs.reset();
  });

  it('sends the original body to the DLQ with the reason attributes', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
    const record = makeSqsRecord('{"v":1}');

    // Act
    await sendToDeadLetterQueue(record, reason, dlqUrl);

    // Assess
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: dlqUrl,
      MessageBody: '{"v":1}',
      MessageAttributes: buildDeadLetterAttributes(record, reason),
    });
  });

  it('throws when the DLQ refuses the message, so the caller can fail the record', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(new Error('Access denied'));

    // Act
    const sending = sendToDeadLetterQueue(makeSqsRecord('{}'), reason, dlqUrl);

    // Assess
    await expect(sending).rejects.toThrow('Access denied');
  });
});

describe('redactMailboxes', () => {
  const rejection =
    'Email address is not verified. The following identities failed the check in region EU-WEST-1: ';

  it('masks every mailbox the worker writes, whatever the name, as one [address]', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.constantFrom('Doe, Ann', 'Ann "Nan" Doe', 'Zoë Umlaut', '李小龍', 'a\\b <c@d>'),
        ),
        (name) => {
          // Act
          const text = redactMailboxes(`${rejection}${formatAddress('ann.doe@example.com', name)}`);

          // Assess
          expect(text).toBe(`${rejection}[address]`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('masks the words of the recipient name wherever they are left, as whole words', () => {
    // Act
    const text = redactMailboxes(
      `${rejection}Doe, Ann <ann@example.com>; template failed for Ann Doe (Annabel, Anne)`,
      'Ann Doe',
    );

    // Assess
    expect(text).toBe(`${rejection}[name], [address]; template failed for [name] (Annabel, Anne)`);
  });

  it('keeps a text with no mailbox and no word of the name as it is', () => {
    // Prepare
    const text = 'Maximum sending rate exceeded. <not an address> a<b "quoted" (x)';

    // Act, Assess
    expect(redactMailboxes(text, 'Max Rate-Limit')).toBe(text.replace('rate', '[name]'));
  });
});
