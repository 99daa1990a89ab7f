import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';

const ses = mockClient(SESv2Client);

async function importHandler() {
  vi.resetModules();
  return (await import('../../../functions/send-email/index.js')).handler;
}

describe('send-email worker configuration', () => {
  beforeEach(() => {
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.stubEnv('POWERTOOLS_DEV', 'true');
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
