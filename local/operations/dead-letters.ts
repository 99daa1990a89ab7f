import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One DLQ message as the operator reads it. */
export interface DeadLetterRow {
  readonly messageId: string;
  /** The job id (`jobId` attribute), when the message carries one. */
  readonly jobId: string | undefined;
  /** Why it is here: `errorName: errorMessage`, or `reached maxReceiveCount`. */
  readonly reason: string;
  /**
   * The worker's reason code (`errorReason`): `retries-exhausted`, `render-failed`,
   * `invalid-props`, `unknown-template`, `missing-permission`, `recipient-undeliverable`,
   * `invalid-json`…; none for an error SES gave no code to, such as `MessageRejected`.
   */
  readonly errorReason: string | undefined;
  readonly errorName: string | undefined;
  readonly errorMessage: string | undefined;
  /** Receives before it was dead-lettered, over every trip through the queue (`attemptCount`). */
  readonly attemptCount: number | undefined;
  /** First receive, on its first trip through the queue, ISO 8601 (`firstSeenAt`). */
  readonly firstSeenAt: string | undefined;
  /** When it was sent to the DLQ, ISO 8601 (`SentTimestamp`). */
  readonly sentAt: string | undefined;
  /** The message body, as is. */
  readonly body: string;
}

/** Longest visibility timeout a listing takes, in seconds; every message is made visible again at the end. */
const listingVisibilitySeconds = 60;

/**
 * Reads every message of a queue without removing any: each receive hides the messages
 * read so far for a while (so the next receive returns others), and at the end they are
 * all made visible again with `ChangeMessageVisibility` to 0. Receiving adds to each
 * message's receive count, which a DLQ (no redrive policy of its own) does not act on.
 * Source: Amazon SQS API Reference, `ReceiveMessage`, `ChangeMessageVisibilityBatch`.
 *
 * @param client - an SQS client for the queue's region or emulator
 * @param queueUrl - the queue, usually the DLQ
 * @param limit - most messages read @default 1000
 * @returns the messages with all system and message attributes
 */
export async function peekMessages(
  client: SQSClient,
  queueUrl: string,
  limit = 1000,
): Promise<Message[]> {
  const messages: Message[] = [];
  try {
    while (messages.length < limit) {
      const batch = await receiveBatch(client, queueUrl, listingVisibilitySeconds);
      if (batch.length === 0) break;
      messages.push(...batch);
    }
  } finally {
    await releaseMessages(client, queueUrl, messages);
  }
  return messages;
}

/**
 * Moves every message one queue holds when the call starts to another, keeping body and
 * message attributes: a `SendMessageBatch` to the destination, then a `DeleteMessageBatch`
 * of the entries sent. For the local stack, whose SQS emulator has no `StartMessageMoveTask`.
 * A failure between the two leaves a message in both queues; the worker's idempotency makes
 * that harmless.
 *
 * Why only those present at the start (by `SentTimestamp`): a job the worker refuses again
 * is back in the DLQ within a fraction of a second, and moving it again would loop for
 * ever. Such messages stay in the source queue, with their new reason, for the operator.
 *
 * @param client - the SQS client
 * @param from - URL of the source queue (the DLQ)
 * @param to - URL of the destination queue
 * @returns how many messages were moved
 * @throws the SDK's error when a call fails; the messages not yet moved stay where they were
 */
export async function moveMessages(client: SQSClient, from: string, to: string): Promise<number> {
  const startedAt = Date.now();
  const skipped: Message[] = [];
  let moved = 0;
  try {
    for (;;) {
      const received = await receiveBatch(client, from, 30);
      if (received.length === 0) return moved;
      const batch = received.filter((message) => wasSentBy(message, startedAt));
      // Dead-lettered again during this run: stays hidden until the end, then stays put.
      skipped.push(...received.filter((message) => !batch.includes(message)));
      if (batch.length === 0) continue;
      const sent = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: to,
          Entries: batch.map((message, index) => ({
            Id: String(index),
            MessageBody: message.Body ?? '',
            ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
          })),
        }),
      );
      const sentMessages = (sent.Successful ?? []).flatMap(({ Id }) => batch[Number(Id)] ?? []);
      await releaseMessages(
        client,
        from,
        batch.filter((message) => !sentMessages.includes(message)),
      );
      if (sentMessages.length === 0) throw new Error(`SendMessageBatch to ${to} sent nothing`);
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: from,
          Entries: sentMessages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? '',
          })),
        }),
      );
      moved += sentMessages.length;
    }
  } finally {
    await releaseMessages(client, from, skipped);
  }
}

/**
 * Counts the messages of a queue, waiting, in flight or delayed (SQS's approximate counts,
 * `GetQueueAttributes`): 0 once it is drained.
 *
 * @param client - an SQS client for the queue
 * @param queueUrl - the queue
 */
export async function countQueuedMessages(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes).reduce((sum, count) => sum + Number(count), 0);
}

/** Whether SQS received the message (`SentTimestamp`, ms) no later than `time`. */
function wasSentBy(message: Message, time: number): boolean {
  return Number(message.Attributes?.SentTimestamp ?? 0) <= time;
}

/**
 * Reads a DLQ message's reason from the attributes the worker sets when it dead-letters a
 * job (`errorReason`, `errorName`, `errorMessage`, `attemptCount`, `firstSeenAt`, `jobId`). A message
 * without them was moved by the queue's redrive policy after maxReceiveCount receives.
 *
 * @param message - a received message
 * @returns the row to print
 */
export function describeDeadLetter(message: Message): DeadLetterRow {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const errorName = attribute('errorName');
  const errorMessage = attribute('errorMessage');
  const attemptCount = Number.parseInt(attribute('attemptCount') ?? '', 10);
  const sentTimestamp = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? '',
    jobId: attribute('jobId'),
    reason:
      errorName === undefined
        ? 'reached maxReceiveCount'
        : `${errorName}${errorMessage ? `: ${errorMessage}` : ''}`,
    errorReason: attribute('errorReason'),
    errorName,
    errorMessage,
    attemptCount: Number.isInteger(attemptCount) ? attemptCount : undefined,
    firstSeenAt: attribute('firstSeenAt'),
    sentAt: Number.isFinite(sentTimestamp) ? new Date(sentTimestamp).toISOString() : undefined,
    body: message.Body ?? '',
  };
}

/**
 * Formats rows as a plain-text table: job id, attempts, first seen, reason code, and the
 * error (cut to fit).
 *
 * @param rows - the rows
 * @param errorWidth - most characters of the error column @default 80
 */
export function formatDeadLetterTable(rows: readonly DeadLetterRow[], errorWidth = 80): string {
  const header = ['JOB ID', 'ATTEMPTS', 'FIRST SEEN', 'REASON', 'ERROR'];
  const lines = rows.map((row) => [
    row.jobId ?? `(message ${row.messageId})`,
    row.attemptCount === undefined ? '-' : String(row.attemptCount),
    row.firstSeenAt ?? '-',
    row.errorReason ?? '-',
    row.reason.length > errorWidth ? `${row.reason.slice(0, errorWidth - 1)}…` : row.reason,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), ...lines.map(render)].join('\n');
}

/**
 * Counts rows by reason code; by error name for a row without one (`MessageRejected`), and
 * `reached maxReceiveCount` for a message the redrive policy moved.
 *
 * @param rows - the rows
 * @returns counts, largest first
 */
export function countByReason(rows: readonly DeadLetterRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = row.errorReason ?? row.errorName ?? 'reached maxReceiveCount';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

async function receiveBatch(
  client: SQSClient,
  queueUrl: string,
  visibilityTimeout: number,
): Promise<Message[]> {
  const { Messages = [] } = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: visibilityTimeout,
      // A short long poll: a short poll of SQS samples only some of its servers and may miss messages.
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return Messages;
}

/** Makes received messages visible again at once, ten per call. */
async function releaseMessages(
  client: SQSClient,
  queueUrl: string,
  messages: readonly Message[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(start, start + 10).map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}
