import { createHash, randomUUID } from 'node:crypto';
import {
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { localClientConfig } from '../../../local/emulators/client-config.js';
import { type Emulators, startEmulators } from '../../../local/emulators/emulators.js';
import { createEmailQueues, type EmailQueues } from '../../../local/emulators/queues.js';
import {
  type EventSourceMapping,
  type SqsBatchHandler,
  startEventSourceMapping,
} from '../../../local/event-source-mapping/event-source-mapping.js';

const region = 'us-east-1';
const visibilityTimeoutSeconds = 1;
const maxReceiveCount = 2;
const silentLogger = { info: () => {}, error: () => {} };

let emulators: Emulators;
let client: SQSClient;
let mapping: EventSourceMapping | undefined;

beforeAll(async () => {
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region });
  client = new SQSClient(localClientConfig(emulators.sqsEndpoint, region));
});

afterEach(async () => {
  await mapping?.stop();
  mapping = undefined;
});

afterAll(async () => {
  client.destroy();
  await emulators.stop();
});

/** Creates a fresh queue pair and starts a mapping on it that invokes `handler`. */
async function startMapping(handler: SqsBatchHandler): Promise<EmailQueues> {
  const queues = await createEmailQueues(client, `esm-${randomUUID().slice(0, 8)}`, {
    ...settings.queue,
    visibilityTimeoutSeconds,
    maxReceiveCount,
  });
  mapping = startEventSourceMapping({
    client,
    queueUrl: queues.queueUrl,
    queueArn: queues.queueArn,
    handler,
    functionSettings: { name: 'fake-worker', timeoutSeconds: 5, memorySizeMb: 128 },
    batchSize: settings.worker.batchSize,
    maxConcurrency: settings.worker.maxConcurrency,
    waitTimeSeconds: 1,
    logger: silentLogger,
  });
  return queues;
}

const sendMessage = (queueUrl: string, body: string) =>
  client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: { jobId: { DataType: 'String', StringValue: `job-${body}` } },
    }),
  );

/** Sends messages in one request, so that they arrive together and share a batch. */
const sendMessageBatch = (queueUrl: string, bodies: string[]) =>
  client.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
    }),
  );

const queueName = (queueUrl: string) => queueUrl.split('/').at(-1) ?? '';

/** Messages still on a queue, visible or in flight. */
function countMessages(queueUrl: string): number {
  const queue = emulators.sqs.inspectQueue(queueName(queueUrl));
  if (queue === undefined) throw new Error(`No queue ${queueUrl}`);
  const { ready, delayed, inflight } = queue.messages;
  return ready.length + delayed.length + inflight.length;
}

/** A fake worker that records each delivery and reports records with a `fail` body as failed. */
function createRecordingWorker() {
  const deliveries: { record: SQSRecord; at: number; batch: string[] }[] = [];
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batch = event.Records.map((record) => record.body);
    for (const record of event.Records) deliveries.push({ record, at: Date.now(), batch });
    return {
      batchItemFailures: event.Records.filter((record) => record.body.startsWith('fail')).map(
        (record) => ({ itemIdentifier: record.messageId }),
      ),
    };
  };
  return { deliveries, handler };
}

describe('startEventSourceMapping', () => {
  it('invokes the worker with SQS event records and deletes the records it handled', async () => {
    // Prepare
    const worker = createRecordingWorker();
    const queues = await startMapping(worker.handler);

    // Act
    await Promise.all(['a', 'b', 'c'].map((body) => sendMessage(queues.queueUrl, body)));
    await vi.waitFor(() => expect(countMessages(queues.queueUrl)).toBe(0), { timeout: 5000 });

    // Assess
    expect(worker.deliveries.map(({ record }) => record.body).sort()).toEqual(['a', 'b', 'c']);
    const record = worker.deliveries.find(({ record }) => record.body === 'a')?.record;
    expect(record).toMatchObject({
      body: 'a',
      md5OfBody: createHash('md5').update('a').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queues.queueArn,
      awsRegion: region,
      attributes: { ApproximateReceiveCount: '1', SenderId: expect.any(String) },
      messageAttributes: { jobId: { stringValue: 'job-a', dataType: 'String' } },
    });
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThan(0);
    expect(Number(record?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThan(0);
  });

  it('redelivers a reported failure after the visibility timeout, then moves it to the DLQ after maxReceiveCount', async () => {
    // Prepare
    const worker = createRecordingWorker();
    const queues = await startMapping(worker.handler);

    // Act
    await sendMessageBatch(queues.queueUrl, ['ok', 'fail-poison']);
    await vi.waitFor(() => expect(countMessages(queues.dlqUrl)).toBe(1), { timeout: 10_000 });

    // Assess
    const poison = worker.deliveries.filter(({ record }) => record.body === 'fail-poison');
    expect(poison.map(({ record }) => record.attributes.ApproximateReceiveCount)).toEqual([
      '1',
      '2',
    ]);
    const [first, second] = poison;
    expect(first?.batch.sort()).toEqual(['fail-poison', 'ok']);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(
      visibilityTimeoutSeconds * 1000 - 50,
    );
    expect(worker.deliveries.filter(({ record }) => record.body === 'ok')).toHaveLength(1);
    expect(countMessages(queues.queueUrl)).toBe(0);
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: queues.dlqUrl }));
    expect(Messages?.map((message) => message.Body)).toEqual(['fail-poison']);
  });

  it('leaves every record of the batch on the queue when the worker throws', async () => {
    // Prepare
    const receiveCounts: string[] = [];
    const queues = await startMapping(async (event) => {
      receiveCounts.push(
        ...event.Records.map((record) => record.attributes.ApproximateReceiveCount),
      );
      throw new Error('worker crashed');
    });

    // Act
    await sendMessage(queues.queueUrl, 'crash');
    await vi.waitFor(() => expect(countMessages(queues.dlqUrl)).toBe(1), { timeout: 10_000 });

    // Assess
    expect(receiveCounts).toEqual(['1', '2']);
  });

  it('finishes the batch in flight before stop() resolves', async () => {
    // Prepare
    let finished = false;
    let started: () => void = () => {};
    const invoked = new Promise<void>((resolve) => {
      started = resolve;
    });
    const queues = await startMapping(async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
    });
    await sendMessage(queues.queueUrl, 'slow');
    await invoked;

    // Act
    await mapping?.stop();

    // Assess
    expect(finished).toBe(true);
    expect(countMessages(queues.queueUrl)).toBe(0);
  });
});
