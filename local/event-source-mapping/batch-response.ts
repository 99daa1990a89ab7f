import type { SQSRecord } from 'aws-lambda';

/** How a batch ended: which records to delete, which to leave for redelivery, and why. */
export interface BatchOutcome {
  /** Records the function handled; the event source mapping deletes them. */
  readonly succeeded: readonly SQSRecord[];
  /** Records left on the queue; they reappear after the visibility timeout. */
  readonly failed: readonly SQSRecord[];
  /** Why the whole batch failed, when it did because of a malformed response. */
  readonly invalidResponse?: string;
}

/**
 * Reads a worker's response the way an SQS event source mapping with
 * `ReportBatchItemFailures` does.
 *
 * A complete success: no response, no `batchItemFailures`, or an empty list. Partial: the
 * records named by `itemIdentifier` fail, the rest succeed. A complete failure: a response
 * that is not an object, a `batchItemFailures` that is not a list, or an `itemIdentifier`
 * that is empty, missing or not the message id of a record in the batch. Source: AWS Lambda
 * docs, "Handling errors for an SQS event source in Lambda", reporting batch item failures.
 *
 * @param records - the records of the invocation
 * @param response - what the handler resolved to; unknown, as it comes from another module
 * @returns the records to delete and the records to leave
 */
export function readBatchResponse(records: readonly SQSRecord[], response: unknown): BatchOutcome {
  if (response === undefined || response === null) return { succeeded: records, failed: [] };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return failBatch(records, 'the response is not an object');
  }
  const failures: unknown = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { succeeded: records, failed: [] };
  if (!Array.isArray(failures)) return failBatch(records, 'batchItemFailures is not a list');

  const messageIds = new Set(records.map((record) => record.messageId));
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const itemIdentifier: unknown =
      typeof failure === 'object' && failure !== null
        ? (failure as { itemIdentifier?: unknown }).itemIdentifier
        : undefined;
    if (typeof itemIdentifier !== 'string' || !messageIds.has(itemIdentifier)) {
      return failBatch(
        records,
        `itemIdentifier ${JSON.stringify(itemIdentifier)} is not in the batch`,
      );
    }
    failedIds.add(itemIdentifier);
  }
  return {
    succeeded: records.filter((record) => !failedIds.has(record.messageId)),
    failed: records.filter((record) => failedIds.has(record.messageId)),
  };
}

function failBatch(records: readonly SQSRecord[], invalidResponse: string): BatchOutcome {
  return { succeeded: [], failed: records, invalidResponse };
}
