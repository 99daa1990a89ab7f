import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import {
  createIdempotencyConfig,
  createIdempotencyStore,
  createSendEmailJobOnce,
  type SendEmailJobOnce,
  type SendPacer,
} from '../../../functions/send-email/send-email-once.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext } from '../../factories/sqs-event.js';
import {
  type FakeIdempotencyTable,
  fakeIdempotencyTable,
  readRecord,
} from './fake-idempotency-table.js';

const ses = mockClient(SESv2Client);
const dynamoDb = mockClient(DynamoDBClient);
const email = { subject: 'Confirm', html: '<p>Hi</p>', text: 'Hi' };
const settings = { sender: 'no-reply@example.com', subjectPrefix: '[Test] ' };
const expiresAfterSeconds = 19 * 24 * 3600;

let table: FakeIdempotencyTable;
let pace: Mock<(send: () => Promise<unknown>) => Promise<unknown>>;

/** A fresh worker container: its own store and config, as after a cold start. */
function startContainer(remainingMillis = 30_000): SendEmailJobOnce {
  const config = createIdempotencyConfig(expiresAfterSeconds);
  config.registerLambdaContext({
    ...makeLambdaContext(),
    getRemainingTimeInMillis: () => remainingMillis,
  });
  return createSendEmailJobOnce({
    persistenceStore: createIdempotencyStore('email-job-idempotency'),
    config,
    pace: pace as SendPacer,
    settings,
  });
}

describe('createSendEmailJobOnce', () => {
  beforeEach(() => {
    ses.reset();
    dynamoDb.reset();
    table = fakeIdempotencyTable(dynamoDb);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    pace = vi.fn((send: () => Promise<unknown>) => send());
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends a new job once and records it as completed with the SES message id', async () => {
    // Prepare
    const sendOnce = startContainer();
    const job = makeEmailJob();

    // Act
    const outcome = await sendOnce(job, email);

    // Assess
    expect(outcome).toEqual({ status: 'sent', sesMessageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const [record] = [...table.items.values()];
    expect(readRecord(record)).toMatchObject({
      status: 'COMPLETED',
      data: { sesMessageId: { S: 'ses-message-1' } },
    });
  });

  it('sends nothing for a second delivery of a sent job, even from another container', async () => {
    // Prepare
    const job = makeEmailJob();
    await startContainer()(job, email);
    ses.resetHistory();

    // Act
    const outcome = await startContainer()(
      { ...job, createdAt: '2026-02-02T00:00:00.000Z' },
      { ...email, html: '<p>Re-rendered</p>' },
    );

    // Assess
    expect(outcome).toEqual({ status: 'already-sent', sesMessageId: 'ses-message-1' });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('sends each of two different jobs', async () => {
    // Prepare
    const sendOnce = startContainer();

    // Act
    await sendOnce(makeEmailJob(), email);
    await sendOnce(makeEmailJob(), email);

    // Assess
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(table.items.size).toBe(2);
  });

  it('keys the record by a fixed prefix and the job id, expiring after the configured time', async () => {
    // Prepare
    vi.spyOn(Date, 'now').mockReturnValue(1_767_225_600_000);
    const job = makeEmailJob();

    // Act
    await startContainer(12_000)(job, email);

    // Assess
    const put = dynamoDb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(put?.TableName).toBe('email-job-idempotency');
    expect(put?.Item?.id?.S).toMatch(/^send-email#[A-Za-z0-9+/=]+$/);
    expect(readRecord(put?.Item)).toMatchObject({
      status: 'INPROGRESS',
      expiration: 1_767_225_600 + expiresAfterSeconds,
      inProgressExpiration: 1_767_225_600_000 + 12_000,
    });
  });

  it('deletes the record of a failed send, so that the retry sends', async () => {
    // Prepare
    const sendOnce = startContainer();
    const job = makeEmailJob();
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }))
      .resolves({ MessageId: 'ses-message-2' });

    // Act
    const first = sendOnce(job, email);
    await expect(first).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const second = await sendOnce(job, email);

    // Assess
    expect(second).toEqual({ status: 'sent', sesMessageId: 'ses-message-2' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('refuses, without sending, a job another invocation is sending right now', async () => {
    // Prepare
    const job = makeEmailJob();
    let releaseFirst: () => void = () => undefined;
    pace.mockImplementationOnce(async (send) => {
      await new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      return send();
    });
    const first = startContainer()(job, email);
    await vi.waitFor(() => expect(table.items.size).toBe(1));

    // Act
    const second = startContainer()(job, email);

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    releaseFirst();
    await expect(first).resolves.toMatchObject({ status: 'sent' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('reports a send SES accepted but the table did not record as sent-unrecorded', async () => {
    // Prepare
    const tableDown = new Error('ProvisionedThroughputExceededException');
    dynamoDb.on(UpdateItemCommand).rejects(tableDown);

    // Act
    const outcome = await startContainer()(makeEmailJob(), email);

    // Assess
    expect(outcome).toMatchObject({ status: 'sent-unrecorded', sesMessageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('sends nothing when the table cannot take the in-progress record', async () => {
    // Prepare
    dynamoDb.on(PutItemCommand).rejects(new Error('connect ECONNREFUSED'));

    // Act
    const sending = startContainer()(makeEmailJob(), email);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'IdempotencyPersistenceLayerError' });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('sends through the pacer', async () => {
    // Prepare
    const sendOnce = startContainer();

    // Act
    await sendOnce(makeEmailJob(), email);

    // Assess
    expect(pace).toHaveBeenCalledTimes(1);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });
});
