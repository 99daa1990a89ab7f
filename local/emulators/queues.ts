import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueSettings } from '../../lib/settings.js';

/** Name of the local stack's email job queue; its DLQ is `<name>-dlq`. */
export const localQueueName = 'signup-mailer-email-jobs';

/** The email job queue and its dead-letter queue (DLQ). */
export interface EmailQueues {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

/**
 * The attributes of the email job queue, as the deployed stack sets them from the same
 * settings: visibility timeout, retention, and a redrive policy that moves a message to the
 * DLQ after `maxReceiveCount` receives. Source: Amazon SQS API Reference, `CreateQueue`.
 *
 * @param queue - the queue settings (seconds, counts)
 * @param dlqArn - ARN of the DLQ
 * @returns `CreateQueue` attributes, all strings as the API wants them
 */
export function toQueueAttributes(queue: QueueSettings, dlqArn: string): Record<string, string> {
  return {
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(queue.retentionPeriodSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: queue.maxReceiveCount,
    }),
  };
}

/**
 * Creates the email job queue and its DLQ through the SQS API, so the emulator checks the
 * attributes as SQS would.
 *
 * @param client - an SQS client pointed at the emulator
 * @param name - name of the queue; the DLQ is `<name>-dlq`
 * @param queue - the queue settings
 * @returns the URLs and ARNs of both queues
 * @throws the SDK's error when the emulator rejects a queue or its attributes
 */
export async function createEmailQueues(
  client: SQSClient,
  name: string,
  queue: QueueSettings,
): Promise<EmailQueues> {
  const dlq = await createQueue(client, `${name}-dlq`, {
    MessageRetentionPeriod: String(queue.dlqRetentionPeriodSeconds),
  });
  const main = await createQueue(client, name, toQueueAttributes(queue, dlq.arn));
  return { queueUrl: main.url, queueArn: main.arn, dlqUrl: dlq.url, dlqArn: dlq.arn };
}

async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url } = await client.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  if (url === undefined) throw new Error(`CreateQueue returned no URL for ${name}`);
  return { url, arn: await readQueueArn(client, url) };
}

/**
 * Reads a queue's ARN (`GetQueueAttributes`).
 *
 * @param client - an SQS client for the queue
 * @param queueUrl - the queue
 * @throws Error when SQS answers no ARN; the SDK's error when the queue does not exist
 */
export async function readQueueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  if (Attributes?.QueueArn === undefined) throw new Error(`No ARN for ${queueUrl}`);
  return Attributes.QueueArn;
}
