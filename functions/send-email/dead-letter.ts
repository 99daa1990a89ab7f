import { type MessageAttributeValue, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sqsClient } from '../commons/clients/sqs.js';
import { readReceiveCount } from './delay-redelivery.js';

/** Most message attributes SQS accepts on one message (SQS Developer Guide, "Message attributes"). */
const maxMessageAttributes = 10;
const maxErrorMessageChars = 1024;
// Characters SQS refuses in a message or attribute value (SQS API Reference, `SendMessage`).
const charactersSqsRefuses = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
// Anything shaped like an address: SES error messages may quote the recipient.
const addressPattern = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** Why a job is dead-lettered, as the DLQ message's attributes carry it. */
export interface DeadLetterReason {
  /** The error's name, e.g. `MessageRejected` or `InvalidEmailJobError`. */
  readonly errorName: string;
  /** The error's message; addresses are masked before it is stored. */
  readonly errorMessage: string;
  /** A short reason code, e.g. `InvalidEmailJobError.reason` or `retries-exhausted`. */
  readonly errorReason?: string | undefined;
  readonly jobId?: string | undefined;
}

/**
 * Moves a job to the DLQ now, with why: its body and attributes, plus `errorName`,
 * `errorMessage` (addresses masked), `errorReason`, `attemptCount`, `firstSeenAt`, `jobId` and
 * `sourceMessageId`. Why not leave it to the redrive policy: that takes maxReceiveCount
 * pointless receives and moves the message without a reason.
 *
 * The caller then reports the record as handled; when this throws, it fails the record, so the
 * message stays in the source queue. A crash between the two leaves it in both queues.
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
 * The attributes of a dead-lettered message: the reason first, then the record's own
 * attributes that still fit within SQS's limit of 10 (a reason attribute replaces an original
 * of the same name, e.g. from an earlier trip through the DLQ).
 */
export function buildDeadLetterAttributes(
  record: SQSRecord,
  reason: DeadLetterReason,
): Record<string, MessageAttributeValue> {
  const jobId = reason.jobId ?? record.messageAttributes.jobId?.stringValue;
  const firstSeenAt = toIsoTimestamp(record.attributes.ApproximateFirstReceiveTimestamp);
  // Refused characters become U+FFFD; SQS refuses an empty value.
  const text = (value: string): MessageAttributeValue => ({
    DataType: 'String',
    StringValue: value.replace(charactersSqsRefuses, '\ufffd') || '_',
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
  for (const [name, attribute] of Object.entries(record.messageAttributes)) {
    if (Object.keys(attributes).length >= maxMessageAttributes) break;
    if (name in attributes) continue;
    // From the Lambda event's shape back to the SQS API's.
    if (attribute.stringValue !== undefined) {
      attributes[name] = { DataType: attribute.dataType, StringValue: attribute.stringValue };
    } else if (attribute.binaryValue !== undefined) {
      const bytes = Buffer.from(attribute.binaryValue, 'base64');
      attributes[name] = { DataType: attribute.dataType, BinaryValue: bytes };
    }
  }
  return attributes;
}

/** Replaces every address-shaped substring of a text (an SES error message) with `[address]`. */
export function redactAddresses(text: string): string {
  return text.replace(addressPattern, '[address]');
}

/** Epoch milliseconds (as SQS writes its timestamps) to ISO 8601, or undefined. */
function toIsoTimestamp(epochMillis: string | undefined): string | undefined {
  const time = Number(epochMillis);
  if (epochMillis === undefined || epochMillis === '' || !Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
