import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { settings } from '../../../lib/settings.js';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { makeLambdaContext } from '../../factories/sqs-event.js';
import {
  type DynaliteTables,
  readSesEventFixture,
  startDynaliteTables,
} from '../ses-feedback/dynalite-tables.js';
import { importSignupHandler } from './signup-env.js';

// The loop on a real DynamoDB API (dynalite): a signup, SES's report on its email through the
// feedback function, then the same address signing up again. Only SQS is mocked.
const sqs = mockClient(SQSClient);
const accountsTable = 'accounts-undeliverable-test';
const start = Date.parse('2026-11-29T10:00:00.000Z');
const afterCooldown = start + (settings.accounts.resendCooldownSeconds + 1) * 1000;
const fixtureRecipient = 'Ann@example.com';
let tables: DynaliteTables;
let signup: Awaited<ReturnType<typeof importSignupHandler>>['handler'];
let feedback: typeof import('../../../functions/ses-feedback/index.js')['handler'];
let sequence = 0;

beforeAll(async () => {
  tables = await startDynaliteTables(accountsTable, 'idempotency-undeliverable-test');
  ({ handler: signup } = await importSignupHandler({
    ACCOUNTS_TABLE: accountsTable,
    AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_METRICS_DISABLED: 'true',
  }));
  ({ handler: feedback } = await import('../../../functions/ses-feedback/index.js'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await tables.stop();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A new address per test, in the fixtures' case (`Ann.<n>@example.com`). */
function newAddress(): string {
  sequence += 1;
  return `Ann.${sequence}@example.com`;
}

/** A recorded SES event, addressed to `address`. */
function sesEventFor(fixture: string, address: string) {
  const text = JSON.stringify(readSesEventFixture(fixture)).replaceAll(fixtureRecipient, address);
  return JSON.parse(text) as Record<string, unknown>;
}

/** What a client can see of an answer: status, headers, and the body's shape. */
function describeAnswer(result: Awaited<ReturnType<typeof signup>>) {
  const body = JSON.parse(result.body ?? '{}') as Record<string, unknown>;
  return {
    statusCode: result.statusCode,
    headers: result.headers,
    body: { ...body, id: typeof body.id === 'string' && body.id.length === 36 },
  };
}

describe('a signup for an address SES reported undeliverable', () => {
  it.each([
    ['hard-bounced', 'bounce-permanent', 'hard-bounce'],
    ['complaining', 'complaint', 'complaint'],
  ])(
    're-claims nothing for a %s pending account and queues no email',
    async (_, fixture, reason) => {
      // Prepare
      const address = newAddress();
      const key = address.toLowerCase();
      await signup(makeSignupEvent({ email: address, name: 'Ann' }));
      await feedback(sesEventFor(fixture, address), makeLambdaContext());
      const marked = await tables.getAccount(key);
      sqs.resetHistory();
      vi.setSystemTime(afterCooldown);

      // Act
      const again = await signup(makeSignupEvent({ email: address, name: 'Ann' }));

      // Assess
      expect(again.statusCode).toBe(202);
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
      expect(marked).toMatchObject({
        deliverability: { S: 'undeliverable' },
        undeliverableReason: { S: reason },
      });
      expect(marked?.expiresAt).toBeUndefined();
      // Unchanged: no new cooldown stamp, no TTL to expire the mark with.
      expect(await tables.getAccount(key)).toEqual(marked);
    },
  );

  it('gives a confirmed account marked undeliverable no already-registered notice', async () => {
    // Prepare
    const address = newAddress();
    await tables.putAccount(address, {
      status: { S: 'confirmed' },
      deliverability: { S: 'undeliverable' },
    });
    vi.setSystemTime(afterCooldown);

    // Act
    const result = await signup(makeSignupEvent({ email: address }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('answers as for a new address, so the answer does not tell the state', async () => {
    // Prepare
    const undeliverable = newAddress();
    await signup(makeSignupEvent({ email: undeliverable }));
    await feedback(sesEventFor('bounce-permanent', undeliverable), makeLambdaContext());
    vi.setSystemTime(afterCooldown);

    // Act
    const toUndeliverable = await signup(makeSignupEvent({ email: undeliverable }));
    const toNew = await signup(makeSignupEvent({ email: newAddress() }));

    // Assess
    expect(describeAnswer(toUndeliverable)).toEqual(describeAnswer(toNew));
    expect(JSON.parse(toUndeliverable.body ?? '{}').id).not.toBe(JSON.parse(toNew.body ?? '{}').id);
  });
});
