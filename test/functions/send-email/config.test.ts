import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readWorkerConfig } from '../../../functions/send-email/config.js';
import { settings } from '../../../lib/settings.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { workerQueueEnvironment } from './worker-events.js';

const ses = mockClient(SESv2Client);
const dynamoDb = mockClient(DynamoDBClient);
const requiredEnvironment = { MAIL_SENDER: 'no-reply@example.com', ...workerQueueEnvironment };

async function importHandler() {
  vi.resetModules();
  return (await import('../../../functions/send-email/index.js')).handler;
}

describe('send-email worker configuration', () => {
  beforeEach(() => {
    ses.reset();
    dynamoDb.reset();
    fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    for (const [name, value] of Object.entries(workerQueueEnvironment)) vi.stubEnv(name, value);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('fails at cold start, naming MAIL_SENDER, when it is not set', async () => {
    // Prepare
    vi.stubEnv('MAIL_SENDER', '');

    // Act
    const importing = importHandler();

    // Assess
    // By name: vi.resetModules gives the re-imported module its own ConfigurationError class.
    await expect(importing).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining('MAIL_SENDER is not set'),
    });
  });

  it.each([
    'QUEUE_URL',
    'DLQ_URL',
    'IDEMPOTENCY_TABLE',
    'RETRY_BASE_DELAY_SECONDS',
    'MAX_RECEIVE_COUNT',
    'SEND_RATE_PER_SECOND',
    'IDEMPOTENCY_EXPIRES_AFTER_SECONDS',
  ])('fails at cold start, naming %s, when it is not set', async (name) => {
    // Prepare
    vi.stubEnv('MAIL_SENDER', 'no-reply@example.com');
    vi.stubEnv(name, undefined);

    // Act
    const importing = importHandler();

    // Assess
    await expect(importing).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining(`${name} is not set`),
    });
  });

  it('fails at cold start when MAIL_SENDER is not an address', async () => {
    // Prepare
    vi.stubEnv('MAIL_SENDER', 'Signup Mailer');

    // Act
    const importing = importHandler();

    // Assess
    await expect(importing).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining('MAIL_SENDER is invalid'),
    });
  });

  it('MIME-encodes a non-ASCII sender name and strips CR LF from the subject prefix', async () => {
    // Prepare
    vi.stubEnv('MAIL_SENDER', 'Zoë <no-reply@example.com>');
    vi.stubEnv('MAIL_SUBJECT_PREFIX', '[Signup]\r\nX: y ');
    const handler = await importHandler();

    // Act
    await handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(makeEmailJob()))]),
      makeLambdaContext(),
    );

    // Assess
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: '=?UTF-8?B?Wm/Dqw==?= <no-reply@example.com>',
      Content: {
        Simple: expect.objectContaining({
          Subject: { Data: '[Signup] X: y Confirm your email address', Charset: 'UTF-8' },
        }),
      },
    });
  });

  it('uses the default subject prefix and no configuration set when neither is set', async () => {
    // Prepare
    vi.stubEnv('MAIL_SENDER', 'no-reply@example.com');
    vi.stubEnv('MAIL_SUBJECT_PREFIX', undefined);
    vi.stubEnv('SES_CONFIGURATION_SET', '');
    const handler = await importHandler();

    // Act
    await handler(
      makeSqsEvent([makeSqsRecord(JSON.stringify(makeEmailJob()))]),
      makeLambdaContext(),
    );

    // Assess
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.Content?.Simple?.Subject?.Data).toBe(
      '[Signup Mailer] Confirm your email address',
    );
    expect(input).not.toHaveProperty('ConfigurationSetName', expect.anything());
    expect(input?.FromEmailAddress).toBe('no-reply@example.com');
  });
});

describe('readWorkerConfig', () => {
  it('reads the backoff and the SES rate shared among the concurrent invocations as the stacks set them', () => {
    // Act
    const config = readWorkerConfig(requiredEnvironment);

    // Assess
    expect(config).toMatchObject({
      queueUrl: workerQueueEnvironment.QUEUE_URL,
      dlqUrl: workerQueueEnvironment.DLQ_URL,
      idempotencyTable: workerQueueEnvironment.IDEMPOTENCY_TABLE,
      backoff: settings.retry,
      sendRatePerSecond: settings.ses.maxSendRatePerSecond / settings.worker.maxConcurrency,
      maxReceiveCount: settings.queue.maxReceiveCount,
      idempotencyExpiresAfterSeconds: settings.idempotency.expiresAfterSeconds,
    });
  });

  it('reads the backoff and send rate from the environment when they are set', () => {
    // Act
    const config = readWorkerConfig({
      ...requiredEnvironment,
      RETRY_BASE_DELAY_SECONDS: '3',
      RETRY_MAX_DELAY_SECONDS: '60',
      SEND_RATE_PER_SECOND: '4.5',
    });

    // Assess
    expect(config.backoff).toEqual({ baseDelaySeconds: 3, maxDelaySeconds: 60 });
    expect(config.sendRatePerSecond).toBe(4.5);
  });

  it('names an empty backoff or rate variable as not set', () => {
    // Act
    const act = () =>
      readWorkerConfig({
        ...requiredEnvironment,
        RETRY_BASE_DELAY_SECONDS: '',
        SEND_RATE_PER_SECOND: '',
      });

    // Assess
    expect(act).toThrow(/RETRY_BASE_DELAY_SECONDS is not set; SEND_RATE_PER_SECOND is not set/);
  });

  it.each([
    { name: 'SEND_RATE_PER_SECOND', value: '0' },
    { name: 'SEND_RATE_PER_SECOND', value: 'fast' },
    { name: 'RETRY_BASE_DELAY_SECONDS', value: '-1' },
    { name: 'RETRY_MAX_DELAY_SECONDS', value: '1.5' },
    { name: 'RETRY_MAX_DELAY_SECONDS', value: '43201' },
  ])('refuses $name=$value, naming the variable', ({ name, value }) => {
    // Act
    const act = () => readWorkerConfig({ ...requiredEnvironment, [name]: value });

    // Assess
    expect(act).toThrow(`${name} is invalid`);
  });
});
