import { setTimeout as delay } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createLambdaContext } from '../lambda/lambda-context.js';
import { type BatchOutcome, readBatchResponse } from './batch-response.js';
import { parseQueueArn, toSqsRecord } from './sqs-record.js';

/** A worker as Lambda invokes it from SQS; may resolve to an `SQSBatchResponse`. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

/** Reports what the event source mapping did; `console` fits. */
export interface EventSourceMappingLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link startEventSourceMapping}. */
export interface EventSourceMappingOptions {
  /** SQS client pointed at the queue's endpoint. */
  readonly client: SQSClient;
  /** URL of the source queue. */
  readonly queueUrl: string;
  /** ARN of the source queue; gives the records' `eventSourceARN`, region and account. */
  readonly queueArn: string;
  /** The worker to invoke. */
  readonly handler: SqsBatchHandler;
  /** The worker's name, timeout (s) and memory (MB), for its `Context`. */
  readonly functionSettings: { name: string; timeoutSeconds: number; memorySizeMb: number };
  /** Most records per invocation, 1 to 10 (one `ReceiveMessage`). */
  readonly batchSize: number;
  /** Most concurrent invocations, i.e. pollers; at least 1. */
  readonly maxConcurrency: number;
  /** Long-poll wait of each `ReceiveMessage`, 0 to 20 s. @default 20 */
  readonly waitTimeSeconds?: number;
  /** @default console */
  readonly logger?: EventSourceMappingLogger;
  /**
   * Whether the mapping itself fails an invocation that outlives the function timeout.
   * Off for a handler that enforces its own (worker containers, whose cold start does not
   * count against it). @default true
   */
  readonly enforceTimeout?: boolean;
}

/** A running event source mapping. */
export interface EventSourceMapping {
  /** Stops polling at once and resolves when the batches in flight have finished. */
  stop(): Promise<void>;
}

/**
 * Emulates Lambda's SQS event source mapping with `ReportBatchItemFailures`: long-polls the
 * queue, invokes the worker with up to `batchSize` records, deletes exactly the records that
 * succeeded, and leaves failed ones (all of them when the worker throws or times out) to
 * reappear after the visibility timeout, so the queue's redrive policy moves a message that
 * keeps failing to the DLQ after `maxReceiveCount` receives, as in AWS. Source: AWS Lambda
 * docs, "Using Lambda with Amazon SQS".
 *
 * @param options - queue, worker, batch size and concurrency
 * @returns the running mapping, to stop
 * @throws RangeError when `batchSize`, `maxConcurrency` or `waitTimeSeconds` is out of range
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const { batchSize, maxConcurrency, waitTimeSeconds = 20 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) {
    throw new RangeError(`batchSize must be an integer from 1 to 10, got ${batchSize}`);
  }
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new RangeError(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
  }
  if (!Number.isInteger(waitTimeSeconds) || waitTimeSeconds < 0 || waitTimeSeconds > 20) {
    throw new RangeError(`waitTimeSeconds must be an integer from 0 to 20, got ${waitTimeSeconds}`);
  }
  const abort = new AbortController();
  const pollers = Array.from({ length: maxConcurrency }, () => pollQueue(options, abort.signal));
  return {
    async stop() {
      abort.abort();
      await Promise.all(pollers);
    },
  };
}

async function pollQueue(options: EventSourceMappingOptions, signal: AbortSignal): Promise<void> {
  const logger = options.logger ?? console;
  while (!signal.aborted) {
    let messages: Message[];
    try {
      const received = await options.client.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: options.batchSize,
          WaitTimeSeconds: options.waitTimeSeconds ?? 20,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal },
      );
      messages = received.Messages ?? [];
    } catch (error) {
      if (signal.aborted) return;
      logger.error('ReceiveMessage failed; retrying in 1 s', { error: String(error) });
      await delay(1000, undefined, { signal }).catch(() => undefined);
      continue;
    }
    // A batch in flight is never abandoned: stop() waits for it, so no message is half-handled.
    if (messages.length > 0) await processBatch(options, messages, logger);
  }
}

async function processBatch(
  options: EventSourceMappingOptions,
  messages: readonly Message[],
  logger: EventSourceMappingLogger,
): Promise<void> {
  const { region, accountId } = parseQueueArn(options.queueArn);
  const records = messages.map((message) =>
    toSqsRecord(message, { queueArn: options.queueArn, region }),
  );
  const context = createLambdaContext({ ...options.functionSettings, region, accountId });
  const outcome = await invokeWorker(options, records, context, logger);
  // In SQS's terms: a job the worker moved to the DLQ itself is done with, so deleted.
  logger.info(`${options.functionSettings.name}: batch of ${records.length} handled`, {
    awsRequestId: context.awsRequestId,
    deleted: outcome.succeeded.length,
    batchItemFailures: outcome.failed.length,
    ...(outcome.invalidResponse ? { invalidResponse: outcome.invalidResponse } : {}),
  });
  if (outcome.succeeded.length > 0) await deleteRecords(options, outcome.succeeded, logger);
}

async function invokeWorker(
  options: EventSourceMappingOptions,
  records: SQSRecord[],
  context: Context,
  logger: EventSourceMappingLogger,
): Promise<BatchOutcome> {
  const timeoutMs = options.functionSettings.timeoutSeconds * 1000;
  const timedOut = Symbol('timed out');
  const timer = new AbortController();
  try {
    const response = await Promise.race([
      options.handler({ Records: records }, context),
      ...(options.enforceTimeout === false
        ? []
        : [delay(timeoutMs, timedOut, { signal: timer.signal })]),
    ]);
    if (response === timedOut) {
      logger.error(`${options.functionSettings.name}: task timed out after ${timeoutMs} ms`);
      return { succeeded: [], failed: records };
    }
    return readBatchResponse(records, response);
  } catch (error) {
    logger.error(`${options.functionSettings.name}: invocation failed`, { error: String(error) });
    return { succeeded: [], failed: records };
  } finally {
    timer.abort();
  }
}

async function deleteRecords(
  options: EventSourceMappingOptions,
  records: readonly SQSRecord[],
  logger: EventSourceMappingLogger,
): Promise<void> {
  const result = await options.client
    .send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: records.map((record, index) => ({
          Id: String(index),
          ReceiptHandle: record.receiptHandle,
        })),
      }),
    )
    .catch((error: unknown) => ({ Failed: [{ Id: '*', Message: String(error) }] }));
  // An undeleted success is redelivered after the visibility timeout: handlers must be idempotent.
  for (const failure of result.Failed ?? []) {
    logger.error('DeleteMessageBatch left a handled message on the queue', { ...failure });
  }
}
