import { type MessageAttributeValue, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sqsClient } from '../commons/clients/sqs.js';
import { readReceiveCount } from './delay-redelivery.js';

/** Most message attributes SQS accepts on one message (SQS Developer Guide, "Message attributes"). */
const maxMessageAttributes = 10;
const maxErrorMessageChars = 1024;
// Characters SQS refuses in a message or attribute value (SQS API Reference, `SendMessage`).
const charactersSqsRefuses = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
// The pieces of a text around a mailbox (RFC 5322 §3.4), read in one left-to-right pass, so
// the time is linear in the text: a quoted string, an address in angle brackets, a word (an
// atom, an RFC 2047 encoded-word, a bare address), blanks, or one other character.
const mailboxTokens =
  /(?<quoted>"(?:[^"\\\r\n]|\\.){0,400}")|(?<angle><[^<>\s@]*@[^<>\s]*>)|(?<word>[^\s<>"(),:;]+)|(?<blank>[ \t]+)|[\s\S]/g;

/** Why a job is dead-lettered, as the DLQ message's attributes carry it. */
export interface DeadLetterReason {
  /** The error's name, e.g. `MessageRejected` or `InvalidEmailJobError`. */
  readonly errorName: string;
  /** The error's message; mailboxes are masked before it is stored. */
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
 * The attributes of a dead-lettered message: `errorName`, `errorMessage` (mailboxes masked),
 * `errorReason`, `attemptCount` and `firstSeenAt` (over every trip through the queue, redrives
 * included), `jobId`, `sourceMessageId`, then the record's own attributes that still fit
 * within SQS's 10 (a reason replaces an original of the same name).
 */
export function buildDeadLetterAttributes(
  record: SQSRecord,
  reason: DeadLetterReason,
): Record<string, MessageAttributeValue> {
  const earlier = record.messageAttributes;
  const jobId = reason.jobId ?? earlier.jobId?.stringValue;
  // SQS writes its timestamps in epoch milliseconds; a missing or unreadable one is left out. A
  // job redriven from the DLQ carries its earlier trip's: the first sighting and every receive.
  const firstSeenAt = new Date(
    Math.min(
      Number(record.attributes.ApproximateFirstReceiveTimestamp || NaN),
      Date.parse(earlier.firstSeenAt?.stringValue ?? '') || Number.POSITIVE_INFINITY,
    ),
  );
  const earlierAttempts = Number.parseInt(earlier.attemptCount?.stringValue ?? '', 10);
  const attemptCount = readReceiveCount(record) + Math.max(earlierAttempts || 0, 0);
  // Refused characters become U+FFFD; SQS refuses an empty value.
  const text = (value: string): MessageAttributeValue => ({
    DataType: 'String',
    StringValue: value.replace(charactersSqsRefuses, '\ufffd') || '_',
  });
  const attributes: Record<string, MessageAttributeValue> = {
    errorName: text(reason.errorName || 'Error'),
    errorMessage: text(
      redactMailboxes(reason.errorMessage).slice(0, maxErrorMessageChars) || '(none)',
    ),
    attemptCount: { DataType: 'Number', StringValue: String(attemptCount) },
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

/**
 * Masks personal data in a text bound for a log line or the DLQ (an SES error, a template's
 * error): each mailbox, display name included, becomes `[address]`, and each word of the
 * recipient's name left elsewhere (a name SES decoded around a comma, a template's message)
 * `[name]`. Why both: SES quotes the To field as it was given, clear, quoted or RFC 2047-encoded
 * (in the sandbox, "…failed the check in region …: Ann Mathon <ann@…>").
 *
 * @param text - the text to mask
 * @param recipientName - the job's `to.name`, when the job was read
 */
export function redactMailboxes(text: string, recipientName = ''): string {
  const kept: string[] = [];
  // Where in `kept` the words and quoted strings since the last delimiter begin: the display
  // name, if an address in angle brackets follows.
  let phraseStart: number | undefined;
  for (const { 0: token, groups = {} } of text.matchAll(mailboxTokens)) {
    if (groups.angle !== undefined) {
      kept.splice(phraseStart ?? kept.length, kept.length, '[address]');
      phraseStart = undefined;
    } else if (groups.word !== undefined || groups.quoted !== undefined) {
      phraseStart ??= kept.length;
      kept.push(token.includes('@') ? '[address]' : token);
    } else {
      kept.push(token);
      if (groups.blank === undefined) phraseStart = undefined;
    }
  }
  const masked = kept.join('');
  // Letters, marks and digits only, so no word needs escaping in the pattern.
  const nameWords = recipientName.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  if (nameWords.length === 0) return masked;
  const letter = String.raw`[\p{L}\p{M}\p{N}]`;
  const word = `(?<!${letter})(?:${nameWords.join('|')})(?!${letter})`;
  return masked.replace(new RegExp(`${word}(?:\\s+${word})*`, 'giu'), '[name]');
}
