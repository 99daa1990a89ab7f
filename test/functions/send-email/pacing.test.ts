import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { setWorkerQueueEnvironment } from './worker-events.js';

process.env.MAIL_SENDER = 'no-reply@example.com';
process.env.POWERTOOLS_DEV = 'true';
setWorkerQueueEnvironment();
process.env.SEND_RATE_PER_SECOND = '5';
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const dynamoDb = mockClient(DynamoDBClient);

/** How far the fake clock moves at each step, in ms. */
const clockStepMs = 5;

/**
 * Moves the fake clock in small steps, letting real work (rendering, I/O callbacks) run
 * between them, until the promise settles; at most one simulated minute.
 */
async function runWithFakeClock<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  for (let elapsed = 0; !settled && elapsed < 60_000; elapsed += clockStepMs) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(clockStepMs);
  }
  return tracked;
}

describe('send-email worker, pacing', () => {
  let sendTimes: number[];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_767_225_600_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    ses.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    sendTimes = [];
    ses.on(SendEmailCommand).callsFake(() => {
      sendTimes.push(Date.now() - 1_767_225_600_000);
      return { MessageId: `ses-message-${sendTimes.length}` };
    });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('spaces the SES calls of a batch at SEND_RATE_PER_SECOND, across invocations too', async () => {
    // Prepare
    const batch = () =>
      makeSqsEvent(Array.from({ length: 3 }, () => makeSqsRecord(JSON.stringify(makeEmailJob()))));

    // Act
    const results = await runWithFakeClock(
      Promise.all([handler(batch(), makeLambdaContext()), handler(batch(), makeLambdaContext())]),
    );

    // Assess
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(sendTimes).toHaveLength(6);
    const gaps = sendTimes.slice(1).map((time, index) => time - (sendTimes[index] ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(200);
      expect(gap).toBeLessThan(200 + 2 * clockStepMs);
    }
  });
});
