import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RandomSource } from './random-source.js';

/** A job body as a producer writes it (queue contract v1), with some fields replaced. */
const job = (id: string, fields: Record<string, unknown>) =>
  JSON.stringify({
    v: 1,
    id,
    template: 'verify-email',
    to: { email: 'a@example.com' },
    props: {},
    createdAt: new Date().toISOString(),
    ...fields,
  });

/**
 * Bodies no worker can send, one of each kind the queue might carry if a producer had a
 * bug or someone wrote to the queue by hand: not JSON, JSON of the wrong shape, an unknown
 * contract version or template, props the template refuses, an unusable recipient.
 */
const malformedBodyKinds: readonly ((id: string) => string)[] = [
  (id) => `this is not json ${id}`,
  (id) => `{"v":1,"id":"${id}"`,
  (id) => JSON.stringify([id]),
  (id) => JSON.stringify(id),
  (id) => JSON.stringify({ v: 2, id, template: 'verify-email', to: { email: 'a@example.com' } }),
  (id) => job(id, { template: 'no-such-template' }),
  (id) => job(id, { props: { confirmUrl: 42 } }),
  (id) => job(id, { to: { email: 'not an address' } }),
  (id) => JSON.stringify({ v: 1, id: `not-a-uuid-${id}`, template: 'verify-email', to: {} }),
];

/**
 * Makes malformed queue bodies, cycling through the kinds from a random start. Each body is
 * unique (a fresh UUID in it), so a test can find every one in the DLQ.
 *
 * @param count - how many
 * @param random - picks the first kind
 * @returns the bodies
 */
export function createMalformedBodies(count: number, random: RandomSource): string[] {
  const start = Math.floor(random() * malformedBodyKinds.length);
  return Array.from({ length: count }, (_, index) => {
    const kind = malformedBodyKinds[(start + index) % malformedBodyKinds.length];
    return kind?.(randomUUID()) ?? `malformed ${randomUUID()}`;
  });
}

/**
 * Puts bodies straight on a queue with `SendMessageBatch`, bypassing the signup API and its
 * validation, as a buggy producer would.
 *
 * @param client - an SQS client for the queue
 * @param queueUrl - the email job queue
 * @param bodies - the bodies, e.g. from {@link createMalformedBodies}
 * @throws Error when SQS refuses any of them
 */
export async function sendMalformedMessages(
  client: SQSClient,
  queueUrl: string,
  bodies: readonly string[],
): Promise<void> {
  for (let start = 0; start < bodies.length; start += 10) {
    const { Failed = [] } = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(start, start + 10).map((body, index) => ({
          Id: String(index),
          MessageBody: body,
        })),
      }),
    );
    if (Failed.length > 0) {
      throw new Error(`SQS refused ${Failed.length} malformed message(s): ${Failed[0]?.Message}`);
    }
  }
}
