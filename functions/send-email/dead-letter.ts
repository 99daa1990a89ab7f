import { type MessageAttributeValue, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { sqsClient } from '../commons/clients/sqs.js';
import { readReceiveCount } from './delay-redelivery.js';
import { redactAddresses } from './log-record-failure.js';

/** Most message attributes SQS accepts on one message (SQS Developer Guide, "Message attributes"). */
const maxMessageAttributes = 10;
/** Longest `errorMessage` attribute kept, in characters. */
const maxErrorMessageChars = 1024;
// Characters SQS refuses in a message or attribute value: outside #x9 | #xA | #xD |
// #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (SQS API Reference, `SendMessage`).
const charactersSqsRefuses = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Why a job is dead-lettered, as the DLQ message's attributes carry it. */
export interface DeadLetterReason {
  /** The error's name, e.g. `MessageRejected` or `InvalidEmailJobError`. */
  readonly errorName: string;
  /** The error's message; addresses are masked before it is stored. */
  readonly errorMessage: string;
  /** A short reason code, when the error has one (`InvalidEmailJobError.reason`). */
  readonly errorReason?: string | undefined;
  /** The job id, when the body could be read as a job. */
  readonly jobId?: string | undefined;
}

/**
 * Moves a job that no retry can send to the DLQ now, with why: a `SendMessage` to the DLQ
 * with the original body and attributes, plus `errorName`, `errorMessage` (addresses masked),
 * `errorReason`, `attemptCount` (the receive count), `firstSeenAt` (the first receive, ISO
 * 8601), `jobId` and `sourceMessageId`.
 *
 * Why not leave it to the redrive policy: that moves the message only after maxReceiveCount
 * receives, each one a pointless send, and the moved message says nothing of the reason.
 *
 * The caller then reports the record as handled, so SQS deletes it from the source queue.
 * When this throws, the caller must fail the record instead: the message stays in the
 * source queue and is never lost. A crash between the two leaves the message in both queues;
 * redriving it finds its reason unchanged.
 *
 * @param record - the SQS record, as the event source mapping delivered it
 * @param reason - the error and, if known, the job id
 * @param dlqUrl - URL of the DLQ (`DLQ_URL`)
 * @throws the SQS client's error when the DLQ refuses the message
 */
export async function sendToDeadLetterQueue(
  record: SQSRecord,
  reason: DeadLetterReason,
  dlqUrl: string,
): Promise<void> {
  await sqsClient.send(
    new SendMessageCommand({
      QueueUrl: dlqUrl,
      MessageBody: record.body,
      MessageAttributes: buildDeadLetterAttributes(record, reason),
    }),
  );
}

/**
 * The attributes of a dead-lettered message: the reason first, then the original
 * attributes that still fit within SQS's limit of 10 (a reason attribute replaces an
 * original one of the same name, e.g. from an earlier trip through the DLQ).
 *
 * @param record - the SQS record
 * @param reason - why it is dead-lettered
 * @returns `SendMessage` message attributes
 */
export function buildDeadLetterAttributes(
  record: SQSRecord,
  reason: DeadLetterReason,
): Record<string, MessageAttributeValue> {
  const jobId = reason.jobId ?? record.messageAttributes.jobId?.stringValue;
  const firstSeenAt = toIsoTimestamp(record.attributes.ApproximateFirstReceiveTimestamp);
  const text = (value: string): MessageAttributeValue => ({
    DataType: 'String',
    StringValue: toAttributeText(value),
  });
  const attributes: Record<string, MessageAttributeValue> = {
    errorName: text(reason.errorName || 'Error'),
    errorMessage: text(
      redactAddresses(reason.errorMessage).slice(0, maxErrorMessageChars) || '(none)',
    ),
    attemptCount: { DataType: 'Number', StringValue: String(readReceiveCount(record)) },
    sourceMessageId: text(record.messageId),
  };
  if (reason.errorReason) attributes.errorReason = text(reason.errorReason);
  if (firstSeenAt !== undefined) attributes.firstSeenAt = text(firstSeenAt);
  if (jobId) attributes.jobId = text(jobId);
  for (const [name, value] of Object.entries(copyOriginalAttributes(record.messageAttributes))) {
    if (Object.keys(attributes).length >= maxMessageAttributes) break;
    if (!(name in attributes)) attributes[name] = value;
  }
  return attributes;
}

/** The record's own attributes, from the Lambda event's shape back to the SQS API's. */
function copyOriginalAttributes(
  attributes: SQSMessageAttributes,
): Record<string, MessageAttributeValue> {
  const copies: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.stringValue !== undefined) {
      copies[name] = { DataType: attribute.dataType, StringValue: attribute.stringValue };
    } else if (attribute.binaryValue !== undefined) {
      copies[name] = {
        DataType: attribute.dataType,
        BinaryValue: Buffer.from(attribute.binaryValue, 'base64'),
      };
    }
  }
  return copies;
}

/** Epoch milliseconds (as SQS writes its timestamps) to ISO 8601, or undefined. */
function toIsoTimestamp(epochMillis: string | undefined): string | undefined {
  const time = Number(epochMillis);
  if (epochMillis === undefined || epochMillis === '' || !Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Text SQS accepts in a String attribute: refused characters become U+FFFD; never empty. */
function toAttributeText(value: string): string {
  return value.replace(charactersSqsRefuses, '\ufffd') || '_';
}
