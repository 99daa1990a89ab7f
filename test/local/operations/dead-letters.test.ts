import { randomUUID } from 'node:crypto';
import { type Message, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { localClientConfig } from '../../../local/emulators/client-config.js';
import { type Emulators, startEmulators } from '../../../local/emulators/emulators.js';
import { createEmailQueues, type EmailQueues } from '../../../local/emulators/queues.js';
import {
  countByReason,
  describeDeadLetter,
  formatDeadLetterTable,
  moveMessages,
  peekMessages,
} from '../../../local/operations/dead-letters.js';

let emulators: Emulators;
let client: SQSClient;

beforeAll(async () => {
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region: 'us-east-1' });
  client = new SQSClient(localClientConfig(emulators.sqsEndpoint));
});

afterAll(async () => {
  client.destroy();
  await emulators.stop();
});

const createQueues = () =>
  createEmailQueues(client, `dlq-${randomUUID().slice(0, 8)}`, settings.queue);

const text = (value: string) => ({ DataType: 'String', StringValue: value });

/** A message as the worker dead-letters a rejected job. */
const sendRejectedJob = (queues: EmailQueues, jobId: string) =>
  client.send(
    new SendMessageCommand({
      QueueUrl: queues.dlqUrl,
      MessageBody: JSON.stringify({ id: jobId }),
      MessageAttributes: {
        errorName: text('MessageRejected'),
        errorMessage: text('Email address is not verified: z***@example.com'),
        attemptCount: { DataType: 'Number', StringValue: '1' },
        firstSeenAt: text('2026-01-02T03:04:05.000Z'),
        jobId: text(jobId),
      },
    }),
  );

/** A message as the redrive policy moves one after maxReceiveCount: no reason attributes. */
const sendExhaustedJob = (queues: EmailQueues, jobId: string) =>
  client.send(
    new SendMessageCommand({
      QueueUrl: queues.dlqUrl,
      MessageBody: JSON.stringify({ id: jobId }),
      MessageAttributes: { jobId: text(jobId) },
    }),
  );

const countMessages = (queueUrl: string) => {
  const queue = emulators.sqs.inspectQueue(queueUrl.split('/').at(-1) ?? '');
  const { ready = [], delayed = [], inflight = [] } = queue?.messages ?? {};
  return { visible: ready.length, total: ready.length + delayed.length + inflight.length };
};

describe('peekMessages', () => {
  it('reads every DLQ message and leaves them all visible in the DLQ', async () => {
    // Prepare
    const queues = await createQueues();
    const jobIds = Array.from({ length: 23 }, () => randomUUID());
    await Promise.all(jobIds.map((jobId) => sendRejectedJob(queues, jobId)));

    // Act
    const messages = await peekMessages(client, queues.dlqUrl);

    // Assess
    const seen = messages.map((message) => describeDeadLetter(message).jobId);
    expect(seen.sort()).toEqual([...jobIds].sort());
    expect(countMessages(queues.dlqUrl)).toEqual({ visible: 23, total: 23 });
  });
});

describe('moveMessages', () => {
  it('moves every DLQ message back to the queue with its body and attributes', async () => {
    // Prepare
    const queues = await createQueues();
    const jobIds = Array.from({ length: 12 }, () => randomUUID());
    await Promise.all(jobIds.map((jobId) => sendRejectedJob(queues, jobId)));

    // Act
    const moved = await moveMessages(client, queues.dlqUrl, queues.queueUrl);

    // Assess
    expect(moved).toBe(12);
    expect(countMessages(queues.dlqUrl).total).toBe(0);
    const redriven = (await peekMessages(client, queues.queueUrl)).map(describeDeadLetter);
    expect(redriven.map((row) => row.jobId).sort()).toEqual([...jobIds].sort());
    expect(redriven.every((row) => row.body === JSON.stringify({ id: row.jobId }))).toBe(true);
    expect(redriven.every((row) => row.errorName === 'MessageRejected')).toBe(true);
  });

  it('moves only what the DLQ held at the start, so a job dead-lettered again stays there', async () => {
    // Prepare: the DLQ as its own destination, as when the worker refuses every job again
    // at once; each move is a new message in the DLQ.
    const queues = await createQueues();
    const jobIds = Array.from({ length: 12 }, () => randomUUID());
    await Promise.all(jobIds.map((jobId) => sendRejectedJob(queues, jobId)));

    // Act
    const moved = await moveMessages(client, queues.dlqUrl, queues.dlqUrl);

    // Assess
    expect(moved).toBe(12);
    expect(countMessages(queues.dlqUrl)).toEqual({ visible: 12, total: 12 });
    const rows = (await peekMessages(client, queues.dlqUrl)).map(describeDeadLetter);
    expect(rows.map((row) => row.jobId).sort()).toEqual([...jobIds].sort());
  });

  it('moves nothing from an empty DLQ', async () => {
    // Prepare
    const queues = await createQueues();

    // Act
    const moved = await moveMessages(client, queues.dlqUrl, queues.queueUrl);

    // Assess
    expect(moved).toBe(0);
  });
});

/** A message as the worker dead-letters a job with a reason code, e.g. `retries-exhausted`. */
const sendJobWithReason = (queues: EmailQueues, jobId: string, errorReason: string) =>
  client.send(
    new SendMessageCommand({
      QueueUrl: queues.dlqUrl,
      MessageBody: JSON.stringify({ id: jobId }),
      MessageAttributes: {
        errorName: text('InternalFailure'),
        errorMessage: text('An internal error occurred.'),
        errorReason: text(errorReason),
        attemptCount: { DataType: 'Number', StringValue: '5' },
        jobId: text(jobId),
      },
    }),
  );

describe('describeDeadLetter', () => {
  it('tells the reason of a dead-lettered job and of one moved by the redrive policy', async () => {
    // Prepare
    const queues = await createQueues();
    await sendRejectedJob(queues, 'job-rejected');
    await sendExhaustedJob(queues, 'job-exhausted');
    await sendJobWithReason(queues, 'job-retried-1', 'retries-exhausted');
    await sendJobWithReason(queues, 'job-retried-2', 'retries-exhausted');

    // Act
    const rows = (await peekMessages(client, queues.dlqUrl)).map(describeDeadLetter);

    // Assess
    const byJob = new Map(rows.map((row) => [row.jobId, row]));
    expect(byJob.get('job-rejected')).toMatchObject({
      reason: 'MessageRejected: Email address is not verified: z***@example.com',
      attemptCount: 1,
      firstSeenAt: '2026-01-02T03:04:05.000Z',
    });
    expect(byJob.get('job-exhausted')).toMatchObject({
      reason: 'reached maxReceiveCount',
      errorReason: undefined,
      errorName: undefined,
      attemptCount: undefined,
    });
    expect(byJob.get('job-retried-1')).toMatchObject({
      reason: 'InternalFailure: An internal error occurred.',
      errorReason: 'retries-exhausted',
      attemptCount: 5,
    });
    expect(countByReason(rows)).toEqual([
      ['retries-exhausted', 2],
      ['MessageRejected', 1],
      ['reached maxReceiveCount', 1],
    ]);
  });
});

describe('formatDeadLetterTable', () => {
  it('prints one aligned line per message and cuts long reasons', () => {
    // Prepare
    const message: Message = {
      MessageId: 'm-1',
      Body: 'not json',
      MessageAttributes: {
        errorName: text('InvalidEmailJobError'),
        errorMessage: text('x'.repeat(200)),
        errorReason: text('render-failed'),
      },
    };

    // Act
    const table = formatDeadLetterTable([describeDeadLetter(message)], 40);

    // Assess
    const [header, line] = table.split('\n');
    expect(header).toMatch(/^JOB ID\s+ATTEMPTS\s+FIRST SEEN\s+REASON\s+ERROR$/);
    expect(line).toContain('(message m-1)');
    expect(line?.endsWith('…')).toBe(true);
    expect(line?.indexOf('render-failed')).toBe(header?.indexOf('REASON'));
    expect(line?.indexOf('InvalidEmailJobError')).toBe(header?.indexOf('ERROR'));
  });
});
