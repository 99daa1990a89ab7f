import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeLambdaContext } from '../../factories/sqs-event.js';
import { readSesEventFixture, startDynaliteTables } from './dynalite-tables.js';
import { type ConsoleCapture, captureConsole } from './emitted-output.js';

const accountsTable = 'accounts-feedback-test';
const tables = await startDynaliteTables(accountsTable, 'idempotency-feedback-test');
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
  ACCOUNTS_TABLE: accountsTable,
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_METRICS_DISABLED: 'false',
});
const { handler } = await import('../../../functions/ses-feedback/index.js');

/** The fixture's recipient, as SES reports it and as the signup function stored it. */
const recipient = 'Ann@example.com';
const jobId = '3f1c6a52-8b7e-4d1a-9c3e-2b5f0e7d4a91';

/** A fixture with its `detail` changed. */
function withDetail(name: string, change: (detail: Record<string, unknown>) => void) {
  const event = readSesEventFixture(name);
  change(event.detail as Record<string, unknown>);
  return event;
}

describe('SES feedback function', () => {
  let output: ConsoleCapture;
  let sequence = 0;
  let address: string;

  beforeEach(async () => {
    output = captureConsole();
    // A fresh account per test, under the fixture's address with a unique local part.
    sequence += 1;
    address = `Ann.${sequence}@example.com`;
    await tables.putAccount(address);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await tables.stop();
  });

  /** The fixture, addressed to this test's account. */
  function fixtureFor(name: string) {
    return JSON.parse(
      JSON.stringify(readSesEventFixture(name)).replaceAll(recipient, address),
    ) as Record<string, unknown>;
  }

  it('marks the account of a hard-bounced address undeliverable, with reason and time, and keeps it from expiring', async () => {
    // Act
    await handler(fixtureFor('bounce-permanent'), makeLambdaContext());

    // Assess
    const account = await tables.getAccount(address.toLowerCase());
    expect(account).toMatchObject({
      deliverability: { S: 'undeliverable' },
      undeliverableReason: { S: 'hard-bounce' },
      undeliverableAt: { S: '2026-11-29T10:00:04.669Z' },
      status: { S: 'pending' },
    });
    expect(account).not.toHaveProperty('expiresAt');
  });

  it('marks the account of a complaining address undeliverable with reason complaint', async () => {
    // Act
    await handler(fixtureFor('complaint'), makeLambdaContext());

    // Assess
    expect(await tables.getAccount(address.toLowerCase())).toMatchObject({
      deliverability: { S: 'undeliverable' },
      undeliverableReason: { S: 'complaint' },
      undeliverableAt: { S: '2026-11-29T11:00:04.000Z' },
    });
  });

  it.each([
    ['bounce-transient', 'Bounce'],
    ['delivery', 'Delivery'],
  ])(
    'leaves the account deliverable on a %s event and counts it by type',
    async (name, eventType) => {
      // Act
      await handler(fixtureFor(name), makeLambdaContext());

      // Assess
      const account = await tables.getAccount(address.toLowerCase());
      expect(account).not.toHaveProperty('deliverability');
      expect(account).toHaveProperty('expiresAt');
      expect(output.metrics()).toContainEqual(
        expect.objectContaining({
          namespace: 'SignupMailer',
          name: 'SesEvents',
          dimensions: { service: 'ses-feedback', eventType },
          value: 1,
        }),
      );
      expect(output.metrics().map((metric) => metric.name)).not.toContain(
        'AccountsMarkedUndeliverable',
      );
    },
  );

  it('counts a hard bounce by event type, by bounce type and as a marked account', async () => {
    // Act
    await handler(fixtureFor('bounce-permanent'), makeLambdaContext());

    // Assess
    const metrics = output.metrics().map(({ name, dimensions }) => ({ name, dimensions }));
    expect(metrics).toEqual(
      expect.arrayContaining([
        { name: 'SesEvents', dimensions: { service: 'ses-feedback', eventType: 'Bounce' } },
        { name: 'SesBounces', dimensions: { service: 'ses-feedback', bounceType: 'Permanent' } },
        {
          name: 'AccountsMarkedUndeliverable',
          dimensions: { service: 'ses-feedback', reason: 'hard-bounce' },
        },
      ]),
    );
  });

  it('keeps the first reason when a marked address later complains, and counts no second mark', async () => {
    // Prepare
    await handler(fixtureFor('bounce-permanent'), makeLambdaContext());
    vi.restoreAllMocks();
    output = captureConsole();

    // Act
    await handler(fixtureFor('complaint'), makeLambdaContext());

    // Assess
    expect(await tables.getAccount(address.toLowerCase())).toMatchObject({
      undeliverableReason: { S: 'hard-bounce' },
    });
    expect(output.metrics().map((metric) => metric.name)).not.toContain(
      'AccountsMarkedUndeliverable',
    );
    expect(output.logEntries()).toContainEqual(
      expect.objectContaining({
        message: 'Recipient marked undeliverable',
        marked: 0,
        unchanged: 1,
      }),
    );
  });

  it('creates no account for a bounced address that has none', async () => {
    // Prepare
    const event = JSON.parse(
      JSON.stringify(readSesEventFixture('bounce-permanent')).replaceAll(
        recipient,
        'nobody@example.com',
      ),
    );

    // Act
    await handler(event, makeLambdaContext());

    // Assess
    expect(await tables.getAccount('nobody@example.com')).toBeUndefined();
  });

  it('logs the job id from the job_id tag and the bounce type, and never the address', async () => {
    // Act
    await handler(fixtureFor('bounce-permanent'), makeLambdaContext());

    // Assess
    expect(output.logEntries()).toContainEqual(
      expect.objectContaining({
        message: 'Recipient marked undeliverable',
        level: 'WARN',
        service: 'ses-feedback',
        jobId,
        eventType: 'Bounce',
        bounceType: 'Permanent',
        reason: 'hard-bounce',
        marked: 1,
      }),
    );
    const everything = output.lines().join('\n').toLowerCase();
    expect(everything).not.toContain(address.toLowerCase());
    expect(everything).not.toContain('@example.com>');
  });

  it('fails the invocation for an event that is not an SES event, naming no value', async () => {
    // Prepare
    const event = { source: 'aws.s3', 'detail-type': 'Object Created', id: 'x', detail: {} };

    // Act
    const invocation = handler(event, makeLambdaContext());

    // Assess
    await expect(invocation).rejects.toThrow(/not an SES event from EventBridge: source/);
  });

  it('fails the invocation for a bounce without its recipients, and marks nothing', async () => {
    // Prepare
    const event = withDetail('bounce-permanent', (detail) => {
      (detail.bounce as Record<string, unknown>).bouncedRecipients = [];
    });

    // Act
    const invocation = handler(event, makeLambdaContext());

    // Assess
    await expect(invocation).rejects.toThrow(
      /not a valid Bounce event: bounce\.bouncedRecipients: too_small/,
    );
    expect(output.logEntries()).toContainEqual(
      expect.objectContaining({ message: 'Unreadable SES event', level: 'ERROR' }),
    );
  });
});
