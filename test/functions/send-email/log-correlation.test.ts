import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailTemplates } from '../../../emails/templates.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { type ConsoleCapture, captureConsole } from '../ses-feedback/emitted-output.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { setWorkerQueueEnvironment } from './worker-events.js';

process.env.MAIL_SENDER = 'Signup Mailer <no-reply@example.com>';
process.env.POWERTOOLS_DEV = 'true';
// Metrics are off in dev mode unless asked for: their lines must be private too.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
setWorkerQueueEnvironment();
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);

/** A person whose address and name must never reach a log line. */
const person = { email: 'Zelda.Quixote@mailbox.example', name: 'Zelda Quixote' };

function makePersonalJob() {
  return makeEmailJob({
    to: person,
    props: {
      name: person.name,
      confirmUrl: 'https://signup.example.com/confirm?token=abc.def',
      expiresInMinutes: 60,
    },
    createdAt: new Date(Date.now() - 1500).toISOString(),
  });
}

describe('send-email worker logs and metrics', () => {
  let output: ConsoleCapture;

  beforeEach(() => {
    ses.reset();
    sqs.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    output = captureConsole();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Asserts the correlation id is on every log line and the person on none. */
  function assessLogs(jobId: string) {
    const entries = output.logEntries();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toMatchObject({ jobId, service: 'send-email' });
    const everything = output.lines().join('\n').toLowerCase();
    expect(everything).not.toContain(person.email.toLowerCase());
    expect(everything).not.toContain('zelda');
    expect(everything).not.toContain('quixote');
  }

  it('carries the job id into every log line and the SES tags of a sent job, and logs no personal data', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    const job = makePersonalJob();
    const record = makeSqsRecord(JSON.stringify(job), {
      messageAttributes: {
        jobId: {
          dataType: 'String',
          stringValue: job.id,
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });

    // Act
    await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      EmailTags: expect.arrayContaining([{ Name: 'job_id', Value: job.id }]),
    });
    expect(output.logEntries()).toContainEqual(
      expect.objectContaining({ message: 'Email sent', jobId: job.id }),
    );
    assessLogs(job.id);
  });

  it('writes the sent count and the render, SES call and age-at-send times', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    const job = makePersonalJob();

    // Act
    await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    const byName = new Map(output.metrics().map((metric) => [metric.name, metric]));
    expect(byName.get('JobsSent')).toMatchObject({
      namespace: 'SignupMailer',
      unit: 'Count',
      dimensions: { service: 'send-email' },
      value: 1,
    });
    for (const name of ['RenderTime', 'SesCallTime', 'JobAgeAtSend']) {
      expect(byName.get(name)).toMatchObject({ unit: 'Milliseconds', value: expect.any(Number) });
    }
    expect(byName.get('JobAgeAtSend')?.value).toBeGreaterThanOrEqual(1500);
  });

  it('keeps the job id on every line of a job retried after throttling, and counts the retry', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejects(
        new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }),
      );
    const job = makePersonalJob();

    // Act
    const result = await handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(job))]),
      makeLambdaContext(),
    );

    // Assess
    expect(result.batchItemFailures).toHaveLength(1);
    expect(output.metrics()).toContainEqual(
      expect.objectContaining({ name: 'JobsRetried', value: 1 }),
    );
    assessLogs(job.id);
  });

  // SES quotes the To field it was given (a name, quoted or RFC 2047-encoded) or decodes it.
  const encodedName = Buffer.from(person.name).toString('base64');
  it.each([
    ['a bare address', person.email],
    ['a display name in clear', `${person.name} <${person.email}>`],
    ['a quoted display name', `"Quixote, Zelda" <${person.email}>`],
    ['a B-encoded display name', `=?UTF-8?B?${encodedName}?= <${person.email}>`],
    ['a Q-encoded display name', `=?utf-8?q?Zelda_Quixote?= <${person.email}>`],
    ['a decoded name with a comma', `Quixote, Zelda <${person.email}>`],
    [
      'a list with the sender',
      `Signup Mailer <no-reply@example.com>, ${person.name} <${person.email}>`,
    ],
  ])(
    'masks the whole mailbox SES quotes in a rejection (%s), in the logs and the DLQ message',
    async (_, mailbox) => {
      // Prepare
      ses.on(SendEmailCommand).rejects(
        new MessageRejected({
          message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${mailbox}`,
          $metadata: { httpStatusCode: 400 },
        }),
      );
      const job = makePersonalJob();

      // Act
      await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

      // Assess
      expect(output.metrics()).toContainEqual(
        expect.objectContaining({
          name: 'JobsDeadLettered',
          dimensions: { service: 'send-email', reason: 'MessageRejected' },
          value: 1,
        }),
      );
      assessLogs(job.id);
      const errorMessage = String(
        sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes?.errorMessage
          ?.StringValue,
      );
      expect(errorMessage).toMatch(/^Email address is not verified\. .* US-EAST-1: .*\[address\]$/);
      for (const text of [errorMessage, output.lines().join('\n')]) {
        expect(text.toLowerCase()).not.toMatch(/zelda|quixote|@mailbox/);
        expect(text).not.toContain(encodedName);
      }
    },
  );

  it('masks the name a failing template quotes, in the logs and the DLQ message', async () => {
    // Prepare
    vi.spyOn(emailTemplates['verify-email'], 'prepare').mockImplementation(() => {
      throw new Error(`boom for ${person.name} (${person.email})`);
    });
    const job = makePersonalJob();

    // Act
    await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    const errorMessage = String(
      sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes?.errorMessage
        ?.StringValue,
    );
    expect(errorMessage).toBe(
      'Template "verify-email" failed to render: boom for [name] ([address])',
    );
    assessLogs(job.id);
  });
});
