import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { type Emulators, startEmulators } from '../../../local/emulators/emulators.js';
import { createEmailQueues, localQueueName } from '../../../local/emulators/queues.js';
import { runCommand } from './run-command.js';

let emulators: Emulators;
let client: SQSClient;
let dlqUrl: string;

beforeAll(async () => {
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region: 'us-east-1' });
  client = new SQSClient({
    region: 'us-east-1',
    endpoint: emulators.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  ({ dlqUrl } = await createEmailQueues(client, localQueueName, settings.queue));
});

afterAll(async () => {
  client.destroy();
  await emulators.stop();
});

describe('npm run dlq -- --json', () => {
  it('writes the whole listing through a pipe, well past the 64 KiB a pipe takes at once', async () => {
    // Prepare: 150 dead letters of 1 KB each, about 200 KB of JSON
    for (let batch = 0; batch < 15; batch += 1) {
      await client.send(
        new SendMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: Array.from({ length: 10 }, (_, index) => ({
            Id: String(index),
            MessageBody: `${batch * 10 + index} ${'x'.repeat(1000)}`,
          })),
        }),
      );
    }

    // Act: piped to a reader that starts late, as a pipe to jq on a busy machine may
    const { exitCode, stdout } = await runCommand(
      'dlq',
      ['--json'],
      { SQS_PORT: new URL(emulators.sqsEndpoint).port },
      '{ sleep 1; cat; }',
    );

    // Assess
    expect(exitCode).toBe(0);
    expect(stdout.length).toBeGreaterThan(150_000);
    const listing = JSON.parse(stdout) as { count: number; messages: unknown[] };
    expect(listing.count).toBe(150);
    expect(listing.messages).toHaveLength(150);
  }, 120_000);
});
