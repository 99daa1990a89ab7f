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
 * Moves a job to the DLQ now, with its reason in the attributes ({@link buildDeadLetterAttributes}):
 * the redrive policy would take maxReceiveCount pointless receives and give no reason. The
 * caller then reports the record as handled, or fails it when this throws, so the message stays
 * in the source queue.
 *
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
 * The attributes of a dead-lettered message: `errorName`, `errorMessage` (addresses masked),
 * `errorReason`, `attemptCount`, `firstSeenAt`, `jobId`, `sourceMessageId`, then the record's own
 * attributes that still fit within SQS's 10 (a reason replaces an original of the same name).
 */
export function buildDeadLetterAttributes(
  record: SQSRecord,
  reason: DeadLetterReason,
): Record<string, MessageAttributeValue> {
  const jobId = reason.jobId ?? record.messageAttributes.jobId?.stringValue;
  // SQS writes its timestamps in epoch milliseconds; a missing or unreadable one is left out.
  const firstSeenAt = new Date(Number(record.attributes.ApproximateFirstReceiveTimestamp || NaN));
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
  if (Number.isFinite(firstSeenAt.getTime())) {
    attributes.firstSeenAt = text(firstSeenAt.toISOString());
  }
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
