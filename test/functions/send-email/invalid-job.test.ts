import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { emailTemplates } from '../../../emails/templates.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import {
  setWorkerQueueEnvironment,
  withReceiveCount,
  workerQueueEnvironment,
} from './worker-events.js';

process.env.MAIL_SENDER = 'no-reply@example.com';
delete process.env.MAIL_SUBJECT_PREFIX;
delete process.env.SES_CONFIGURATION_SET;
process.env.POWERTOOLS_DEV = 'true';
setWorkerQueueEnvironment();
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);

const validProps = makeEmailJob().props;

/** A component with a bug, as a template author might write one. */
function BrokenEmail(): never {
  throw new TypeError('Cannot read properties of undefined');
}

const invalidBodies = [
  { description: 'a body that is not JSON', body: '{"v":1,', reason: 'invalid-json' },
  { description: 'an empty body', body: '', reason: 'invalid-json' },
  { description: 'JSON that is not an object', body: '"hello"', reason: 'invalid-job' },
  {
    description: 'a job of another version',
    body: JSON.stringify({ ...makeEmailJob(), v: 2 }),
    reason: 'invalid-job',
  },
  {
    description: 'a job without a recipient',
    body: JSON.stringify({ ...makeEmailJob(), to: undefined }),
    reason: 'invalid-job',
  },
  {
    description: 'a job for a dotless domain (victim@localhost)',
    body: JSON.stringify(makeEmailJob({ to: { email: 'victim@localhost' } })),
    reason: 'invalid-job',
  },
  {
    description: 'a job for a special-use domain (victim@foo.localhost)',
    body: JSON.stringify(makeEmailJob({ to: { email: 'victim@foo.localhost' } })),
    reason: 'invalid-job',
  },
  {
    description: 'a job for a Tor address',
    body: JSON.stringify(makeEmailJob({ to: { email: 'x@abc.onion' } })),
    reason: 'invalid-job',
  },
  {
    description: 'a job for an IP address literal',
    body: JSON.stringify(makeEmailJob({ to: { email: 'root@[127.0.0.1]' } })),
    reason: 'invalid-job',
  },
  {
    description: 'a job for an IPv4 address written as a domain',
    body: JSON.stringify(makeEmailJob({ to: { email: 'root@10.0.0.1' } })),
    reason: 'invalid-job',
  },
  {
    description: 'a job for an unknown template',
    body: JSON.stringify(makeEmailJob({ template: 'reset-password' })),
    reason: 'unknown-template',
  },
  {
    description: 'a job naming an Object.prototype member as template',
    body: JSON.stringify(makeEmailJob({ template: 'constructor' })),
    reason: 'unknown-template',
  },
  {
    description: 'a job whose confirmUrl is not http(s)',
    body: JSON.stringify(
      makeEmailJob({ props: { ...validProps, confirmUrl: 'javascript:alert(1)' } }),
    ),
    reason: 'invalid-props',
  },
  {
    description: 'a job whose props lack expiresInMinutes',
    body: JSON.stringify(makeEmailJob({ props: { confirmUrl: 'https://x.example/confirm' } })),
    reason: 'invalid-props',
  },
];

describe('send-email worker, invalid messages', () => {
  let errorLog: MockInstance<typeof console.error>;

  beforeEach(() => {
    ses.reset();
    sqs.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(invalidBodies)(
    'moves $description to the DLQ at once, with reason $reason, and sends nothing',
    async ({ body, reason }) => {
      // Prepare
      const record = withReceiveCount(makeSqsRecord(body), '1');

      // Act
      const result = await handler(makeSqsEvent([record]), makeLambdaContext());

      // Assess
      expect(result).toEqual({ batchItemFailures: [] });
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
      expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
        QueueUrl: workerQueueEnvironment.DLQ_URL,
        MessageBody: body,
        MessageAttributes: expect.objectContaining({
          errorName: { DataType: 'String', StringValue: 'InvalidEmailJobError' },
          errorReason: { DataType: 'String', StringValue: reason },
          attemptCount: { DataType: 'Number', StringValue: '1' },
        }),
      });
    },
  );

  it('moves a job for a domain reserved for examples to the DLQ where ALLOW_EXAMPLE_RECIPIENTS is unset, as deployed', async () => {
    // Prepare
    vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', undefined);
    const body = JSON.stringify(makeEmailJob({ to: { email: 'ann@example.com' } }));

    // Act
    const result = await handler(makeSqsEvent([makeSqsRecord(body)]), makeLambdaContext());
    vi.unstubAllEnvs();

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageAttributes: expect.objectContaining({
        errorReason: { DataType: 'String', StringValue: 'invalid-job' },
        errorMessage: {
          DataType: 'String',
          StringValue: expect.stringContaining('example.com, a domain reserved for examples'),
        },
      }),
    });
  });

  it.each(invalidBodies)('logs $description with the reason $reason', async ({ body, reason }) => {
    // Prepare
    const record = makeSqsRecord(body);

    // Act
    await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    const logs = errorLog.mock.calls.map((call) => JSON.parse(String(call[0])));
    expect(logs).toEqual([
      expect.objectContaining({
        message: 'Invalid email job',
        reason,
        handling: 'dead-letter',
        messageId: record.messageId,
      }),
    ]);
  });

  it.each([
    {
      description: 'a recipient the API would refuse, by the API’s rule',
      job: makeEmailJob({ to: { email: 'victim@localhost' } }),
      message:
        'The message body is not an email job: to.email: The address must have a domain with a top-level domain, like example.com',
    },
    {
      description: 'an unknown template, with the names the registry has',
      job: makeEmailJob({ template: 'reset-password' }),
      message:
        'No template is named "reset-password"; the registry has verify-email, welcome, already-registered',
    },
    {
      description: 'props the template refuses, naming the template and each failing field',
      job: makeEmailJob({ props: { confirmUrl: 'javascript:alert(1)', expiresInMinutes: '60' } }),
      message:
        'The props do not fit template "verify-email": confirmUrl: Invalid URL; expiresInMinutes: Invalid input: expected number, received string',
    },
  ])('says why in the DLQ message for $description', async ({ job, message }) => {
    // Act
    await handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageAttributes: expect.objectContaining({
        errorMessage: { DataType: 'String', StringValue: message },
      }),
    });
  });

  it('moves a job whose template throws while rendering to the DLQ at once, as render-failed with the error', async () => {
    // Prepare
    vi.spyOn(emailTemplates['verify-email'], 'prepare').mockReturnValue({
      success: true,
      subject: 'Never sent',
      element: createElement(BrokenEmail),
    });
    const record = withReceiveCount(makeSqsRecord(JSON.stringify(makeEmailJob())), '1');

    // Act
    const result = await handler(makeSqsEvent([record]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageAttributes: expect.objectContaining({
        errorReason: { DataType: 'String', StringValue: 'render-failed' },
        errorMessage: {
          DataType: 'String',
          StringValue:
            'Template "verify-email" failed to render: Cannot read properties of undefined',
        },
      }),
    });
  });

  it('still sends the valid records of a batch that holds an invalid one', async () => {
    // Prepare
    const bad = makeSqsRecord('not json');
    const good = makeSqsRecord(JSON.stringify(makeEmailJob()));

    // Act
    const result = await handler(makeSqsEvent([bad, good]), makeLambdaContext());

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { MessageBody: bad.body });
  });
});
