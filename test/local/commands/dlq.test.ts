import { PurgeQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { localClientConfig } from '../../../local/emulators/client-config.js';
import { type Emulators, startEmulators } from '../../../local/emulators/emulators.js';
import { createEmailQueues, localQueueName } from '../../../local/emulators/queues.js';
import { runCommand } from './run-command.js';

let emulators: Emulators;
let client: SQSClient;
let dlqUrl: string;

beforeAll(async () => {
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region: 'us-east-1' });
  client = new SQSClient(localClientConfig(emulators.sqsEndpoint));
  ({ dlqUrl } = await createEmailQueues(client, localQueueName, settings.queue));
});

afterAll(async () => {
  client.destroy();
  await emulators.stop();
});

beforeEach(async () => {
  await client.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
});

const text = (value: string) => ({ DataType: 'String', StringValue: value });

describe('npm run dlq', () => {
  const reasons = ['retries-exhausted', 'render-failed', 'render-failed'];

  beforeEach(async () => {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: dlqUrl,
        Entries: reasons.map((errorReason, index) => ({
          Id: String(index),
          MessageBody: '{}',
          MessageAttributes: {
            errorName: text(index === 0 ? 'InternalFailure' : 'InvalidEmailJobError'),
            errorMessage: text(index === 0 ? 'An internal error occurred.' : 'Template failed'),
            errorReason: text(errorReason),
            jobId: text(`job-${index}`),
          },
        })),
      }),
    );
  });

  it("shows each message's reason code in the table and counts them by it", async () => {
    // Act
    const { exitCode, stdout } = await runCommand('dlq', [], {
      SQS_PORT: new URL(emulators.sqsEndpoint).port,
    });

    // Assess
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^job-0 .* retries-exhausted +InternalFailure: An internal error/m);
    expect(stdout).toMatch(/^job-1 .* render-failed +InvalidEmailJobError: Template failed$/m);
    expect(stdout).toMatch(/^ +2 +render-failed$/m);
    expect(stdout).toMatch(/^ +1 +retries-exhausted$/m);
  }, 120_000);

  it("gives each message's errorReason in --json", async () => {
    // Act
    const { exitCode, stdout } = await runCommand('dlq', ['--json'], {
      SQS_PORT: new URL(emulators.sqsEndpoint).port,
    });

    // Assess
    expect(exitCode).toBe(0);
    const listing = JSON.parse(stdout) as { messages: { jobId: string; errorReason: string }[] };
    const byJob = listing.messages.map(({ jobId, errorReason }) => [jobId, errorReason]).sort();
    expect(byJob).toEqual(reasons.map((reason, index) => [`job-${index}`, reason]));
  }, 120_000);
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
