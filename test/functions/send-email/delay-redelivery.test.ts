import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  computeRetryDelaySeconds,
  delayRedelivery,
  readReceiveCount,
} from '../../../functions/send-email/delay-redelivery.js';
import { makeSqsRecord } from '../../factories/sqs-event.js';
import { withReceiveCount } from './worker-events.js';

const sqs = mockClient(SQSClient);
const backoff = { baseDelaySeconds: 10, maxDelaySeconds: 300 };
const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs';
/** The largest number `Math.random` can return. */
const almostOne = 1 - Number.EPSILON / 2;

describe('computeRetryDelaySeconds', () => {
  it.each([
    { receiveCount: 1, ceiling: 10 },
    { receiveCount: 2, ceiling: 20 },
    { receiveCount: 3, ceiling: 40 },
    { receiveCount: 4, ceiling: 80 },
    { receiveCount: 5, ceiling: 160 },
    { receiveCount: 6, ceiling: 300 },
    { receiveCount: 60, ceiling: 300 },
    { receiveCount: 5000, ceiling: 300 },
  ])('draws from 0 to $ceiling s on receive $receiveCount', ({ receiveCount, ceiling }) => {
    // Act
    const lowest = computeRetryDelaySeconds(receiveCount, backoff, () => 0);
    const highest = computeRetryDelaySeconds(receiveCount, backoff, () => almostOne);

    // Assess
    expect([lowest, highest]).toEqual([0, ceiling]);
  });

  it('spreads the delays over the whole range, not only its ends', () => {
    // Act
    const middle = computeRetryDelaySeconds(3, backoff, () => 0.5);

    // Assess
    expect(middle).toBe(20);
  });

  it.each([0, -1, Number.NaN])('treats a receive count of %s as the first receive', (count) => {
    // Act
    const delay = computeRetryDelaySeconds(count, backoff, () => almostOne);

    // Assess
    expect(delay).toBe(10);
  });

  it('never exceeds the 12-hour visibility timeout SQS accepts, whatever the cap', () => {
    // Act
    const delay = computeRetryDelaySeconds(
      40,
      { baseDelaySeconds: 10, maxDelaySeconds: 10 ** 9 },
      () => almostOne,
    );

    // Assess
    expect(delay).toBe(43_200);
  });

  it('returns a whole number of seconds within [0, min(cap, base × 2^(n−1))] for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.double({ min: 0, max: almostOne, noNaN: true }),
        (receiveCount, baseDelaySeconds, maxDelaySeconds, draw) => {
          // Act
          const delay = computeRetryDelaySeconds(
            receiveCount,
            { baseDelaySeconds, maxDelaySeconds },
            () => draw,
          );

          // Assess
          const ceiling = Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** (receiveCount - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(ceiling, 43_200));
        },
      ),
    );
  });
});

describe('readReceiveCount', () => {
  it.each([
    { value: '3', count: 3 },
    { value: '', count: 1 },
    { value: 'x', count: 1 },
    { value: '0', count: 1 },
  ])('reads ApproximateReceiveCount "$value" as $count', ({ value, count }) => {
    // Act
    const result = readReceiveCount(withReceiveCount(makeSqsRecord('{}'), value));

    // Assess
    expect(result).toBe(count);
  });
});

describe('delayRedelivery', () => {
  beforeEach(() => {
    sqs.reset();
  });

  it('sets the record visibility timeout to the backoff delay of its receive count', async () => {
    // Prepare
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const record = withReceiveCount(makeSqsRecord('{}', { receiptHandle: 'receipt-42' }), '4');

    // Act
    const result = await delayRedelivery(record, { queueUrl, backoff, random: () => almostOne });

    // Assess
    expect(result).toEqual({ changed: true, delaySeconds: 80 });
    expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
      QueueUrl: queueUrl,
      ReceiptHandle: 'receipt-42',
      VisibilityTimeout: 80,
    });
  });

  it('returns the failure instead of throwing when SQS refuses the change', async () => {
    // Prepare
    const refusal = Object.assign(new Error('The receipt handle has expired'), {
      name: 'ReceiptHandleIsInvalid',
    });
    sqs.on(ChangeMessageVisibilityCommand).rejects(refusal);

    // Act
    const result = await delayRedelivery(makeSqsRecord('{}'), {
      queueUrl,
      backoff,
      random: () => 0,
    });

    // Assess
    expect(result).toEqual({ changed: false, delaySeconds: 0, error: refusal });
  });
});
