import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { readSesEventFixture, startDynaliteTables } from '../ses-feedback/dynalite-tables.js';
import { captureConsole } from '../ses-feedback/emitted-output.js';
import { setWorkerQueueEnvironment, workerQueueEnvironment } from './worker-events.js';

const accountsTable = 'accounts-worker-test';
const tables = await startDynaliteTables(accountsTable, workerQueueEnvironment.IDEMPOTENCY_TABLE);
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
  ACCOUNTS_TABLE: accountsTable,
  MAIL_SENDER: 'no-reply@example.com',
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_METRICS_DISABLED: 'false',
});
setWorkerQueueEnvironment();
const worker = await import('../../../functions/send-email/index.js');
const feedback = await import('../../../functions/ses-feedback/index.js');

// SES and SQS are mocked; DynamoDB (accounts and idempotency) is dynalite.
const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);

/** The bounce fixture, about the given address. */
function hardBounceFor(address: string) {
  return JSON.parse(
    JSON.stringify(readSesEventFixture('bounce-permanent')).replaceAll('Ann@example.com', address),
  ) as Record<string, unknown>;
}

describe('send-email worker and an undeliverable recipient', () => {
  let sequence = 0;

  beforeEach(() => {
    ses.reset();
    sqs.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message-1' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    captureConsole();
    sequence += 1;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await tables.stop();
  });

  it('sends nothing after a hard bounce, and moves the job to the DLQ with reason recipient-undeliverable', async () => {
    // Prepare
    const address = `Bo.${sequence}@example.com`;
    await tables.putAccount(address);
    await feedback.handler(hardBounceFor(address), makeLambdaContext());
    const job = makeEmailJob({ to: { email: address, name: 'Bo' } });

    // Act
    const result = await worker.handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(job))]),
      makeLambdaContext(),
    );

    // Assess
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: workerQueueEnvironment.DLQ_URL,
      MessageAttributes: expect.objectContaining({
        errorReason: { DataType: 'String', StringValue: 'recipient-undeliverable' },
        jobId: { DataType: 'String', StringValue: job.id },
      }),
    });
  });

  it('matches the account of the mailbox whatever the case and +tag of the job address', async () => {
    // Prepare: SES reports the bounce of one tagged address; the job goes to another.
    const address = `Cy.${sequence}@example.com`;
    await tables.putAccount(address);
    await feedback.handler(hardBounceFor(address.replace('@', '+news@')), makeLambdaContext());
    const job = makeEmailJob({
      to: { email: address.toUpperCase().replace('@EXAMPLE.COM', '+shop@example.com') },
    });

    // Act
    await worker.handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    expect(await tables.getAccount(address.toLowerCase())).toMatchObject({
      deliverability: { S: 'undeliverable' },
    });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
  });

  it('still sends to an account that only bounced softly', async () => {
    // Prepare
    const address = `Di.${sequence}@example.com`;
    await tables.putAccount(address);
    const softBounce = JSON.parse(
      JSON.stringify(readSesEventFixture('bounce-transient')).replaceAll(
        'Ann@example.com',
        address,
      ),
    );
    await feedback.handler(softBounce, makeLambdaContext());
    const job = makeEmailJob({ to: { email: address } });

    // Act
    const result = await worker.handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(job))]),
      makeLambdaContext(),
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('sends to an address with no account', async () => {
    // Prepare
    const job = makeEmailJob({ to: { email: `new.${sequence}@example.com` } });

    // Act
    await worker.handler(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]), makeLambdaContext());

    // Assess
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });
});
