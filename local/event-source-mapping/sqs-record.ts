import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord } from 'aws-lambda';

/** Where received messages come from, as the event records name it. */
export interface SqsEventSource {
  /** ARN of the queue, `arn:aws:sqs:<region>:<account>:<name>`. */
  readonly queueArn: string;
  /** Region of the queue. */
  readonly region: string;
}

/**
 * Turns a message from `ReceiveMessage` into the record Lambda's SQS event source mapping
 * puts in `event.Records`: camel-cased fields, system attributes as strings, message
 * attributes as `{ stringValue, binaryValue (base64), stringListValues, binaryListValues,
 * dataType }`. Source: AWS Lambda docs, "Using Lambda with Amazon SQS", example event.
 *
 * @param message - a message received with all system and message attributes
 * @param source - the queue's ARN and region
 * @returns the event record
 * @throws Error when the message lacks its id, receipt handle or body, which SQS always sends
 */
export function toSqsRecord(message: Message, source: SqsEventSource): SQSRecord {
  const { MessageId, ReceiptHandle, Body, MD5OfBody, Attributes = {} } = message;
  if (MessageId === undefined || ReceiptHandle === undefined || Body === undefined) {
    throw new Error('Received an SQS message without MessageId, ReceiptHandle or Body');
  }
  const messageAttributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      toRecordAttribute(value),
    ]),
  );
  return {
    messageId: MessageId,
    receiptHandle: ReceiptHandle,
    body: Body,
    attributes: {
      ApproximateReceiveCount: Attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: Attributes.SentTimestamp ?? '',
      SenderId: Attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: Attributes.ApproximateFirstReceiveTimestamp ?? '',
      ...optionalAttributes(Attributes),
    },
    messageAttributes,
    md5OfBody: MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
}

/**
 * Reads the region and account out of a queue ARN.
 *
 * @param queueArn - `arn:aws:sqs:<region>:<account>:<name>`
 * @returns the region and the account id
 * @throws Error when the ARN is not an SQS queue ARN
 */
export function parseQueueArn(queueArn: string): { region: string; accountId: string } {
  const [arn, , service, region, accountId] = queueArn.split(':');
  if (arn !== 'arn' || service !== 'sqs' || !region || !accountId) {
    throw new Error(`Not an SQS queue ARN: ${queueArn}`);
  }
  return { region, accountId };
}

function toRecordAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: toBase64(value.BinaryValue) }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(toBase64),
    dataType: value.DataType ?? 'String',
  };
}

function optionalAttributes(attributes: Partial<Record<string, string>>) {
  const names = ['AWSTraceHeader', 'SequenceNumber', 'MessageGroupId', 'MessageDeduplicationId'];
  return Object.fromEntries(
    names.flatMap((name) => (attributes[name] === undefined ? [] : [[name, attributes[name]]])),
  );
}
