import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { setWorkerQueueEnvironment, workerQueueEnvironment } from './worker-events.js';

process.env.MAIL_SENDER = 'Signup Mailer <no-reply@example.com>';
process.env.MAIL_SUBJECT_PREFIX = '[Test] ';
process.env.SES_CONFIGURATION_SET = 'signup-mailer-events';
// Logs go to the global console in dev mode, where the tests can read them.
process.env.POWERTOOLS_DEV = 'true';
setWorkerQueueEnvironment();
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);

/** Every log line written so far, parsed. */
function readLogs(...spies: { mock: { calls: unknown[][] } }[]): Record<string, unknown>[] {
  return spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
}

describe('send-email worker', () => {
  let errorLog: MockInstance<typeof console.error>;
  let warnLog: MockInstance<typeof console.warn>;
  let infoLog: MockInstance<typeof console.info>;

  beforeEach(() => {
    ses.reset();
    sqs.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    warnLog = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    infoLog = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends a verify-email job as one SES v2 SendEmail with subject, both bodies and tags', async () => {
    // Prepare
    const job = makeEmailJob({ id: '7d444840-9dc0-11d1-b245-5ffdce74fad2' });
    const record = makeSqsRecord(JSON.stringify(job));

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'Signup Mailer <no-reply@example.com>',
      Destination: { ToAddresses: ['Ann <ann@example.com>'] },
      Content: {
        Simple: {
          Subject: { Data: '[Test] Confirm your email address', Charset: 'UTF-8' },
          Body: {
            Html: {
              Data: expect.stringContaining(
                'href="https://signup.example.com/confirm?token=abc.def"',
              ),
              Charset: 'UTF-8',
            },
            Text: {
              Data: expect.stringContaining('https://signup.example.com/confirm?token=abc.def'),
              Charset: 'UTF-8',
            },
          },
        },
      },
      ConfigurationSetName: 'signup-mailer-events',
      EmailTags: [
        { Name: 'template', Value: 'verify-email' },
        { Name: 'job_id', Value: '7d444840-9dc0-11d1-b245-5ffdce74fad2' },
      ],
    });
  });

  it('sends to the bare address when the job has no name', async () => {
    // Prepare
    const job = makeEmailJob({ to: { email: 'ann@example.com' } });

    // Act
    await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['ann@example.com'] },
    });
  });

  it('moves only the record SES rejects to the DLQ and sends the other two once each', async () => {
    // Prepare
    ses.on(SendEmailCommand).callsFake((input) => {
      if (String(input.Destination?.ToAddresses?.[0]).includes('bob@example.com')) {
        throw new MessageRejected({
          message: 'Email address is not verified: bob@example.com',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return { MessageId: 'ses-message' };
    });
    const ann = makeSqsRecord(JSON.stringify(makeEmailJob()));
    const bob = makeSqsRecord(
      JSON.stringify(makeEmailJob({ to: { email: 'bob@example.com', name: 'Bob' } })),
    );
    const cy = makeSqsRecord(
      JSON.stringify(makeEmailJob({ to: { email: 'cy@example.com', name: 'Cy' } })),
    );

    // Act
    const result = await handler(makeSqsEvent([ann, bob, cy]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 3);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageBody: bob.body,
    });
    for (const address of ['Ann <ann@example.com>', 'Cy <cy@example.com>']) {
      const sends = ses
        .commandCalls(SendEmailCommand)
        .filter((call) => call.args[0].input.Destination?.ToAddresses?.[0] === address);
      expect(sends).toHaveLength(1);
    }
  });

  it('logs an SES rejection without the address SES quotes', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(
      new MessageRejected({
        message: 'Email address is not verified: ann@example.com',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    await handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(makeEmailJob()))]),
      makeLambdaContext(),
    );

    // Assess
    const logs = readLogs(errorLog);
    expect(logs).toEqual([
      expect.objectContaining({ message: 'Sending failed', errorName: 'MessageRejected' }),
    ]);
    expect(JSON.stringify(readLogs(errorLog, warnLog, infoLog))).not.toContain('ann@example.com');
  });

  it('logs a sent email with the job id and no address or name', async () => {
    // Prepare
    const job = makeEmailJob({ to: { email: 'ann@example.com', name: 'Ann Example' } });

    // Act
    await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    const logs = readLogs(infoLog, warnLog, errorLog);
    expect(logs).toEqual([expect.objectContaining({ message: 'Email sent', jobId: job.id })]);
    expect(JSON.stringify(logs)).not.toMatch(/ann@example\.com|Ann Example/);
  });

  it('keeps CR LF in a name out of the To header', async () => {
    // Prepare
    const job = makeEmailJob({
      to: { email: 'ann@example.com', name: 'Ann\r\nBcc: eve@example.com' },
    });

    // Act
    const result = await handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(job))]),
      makeLambdaContext(),
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['"Ann Bcc: eve@example.com" <ann@example.com>'] },
    });
  });

  it('moves a recipient that cannot be written in a header to the DLQ as an invalid job', async () => {
    // Prepare
    const record = makeSqsRecord(
      JSON.stringify(makeEmailJob({ to: { email: 'zoë@example.com', name: 'Zoë' } })),
    );

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageBody: record.body,
      MessageAttributes: expect.objectContaining({
        errorReason: { DataType: 'String', StringValue: 'invalid-job' },
      }),
    });
    const logs = readLogs(errorLog);
    expect(logs).toEqual([expect.objectContaining({ reason: 'invalid-job' })]);
    expect(JSON.stringify(readLogs(errorLog, warnLog, infoLog))).not.toContain('zoë@example.com');
  });
});
