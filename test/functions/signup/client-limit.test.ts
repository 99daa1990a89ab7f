import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toClient } from '../../../functions/signup/accounts/client-limit.js';
import { settings } from '../../../lib/settings.js';
import { makeHttpApiEvent, makeSignupEvent } from '../../factories/api-gateway-events.js';
import {
  type DynaliteAccountsTable,
  startDynaliteAccountsTable,
} from './dynalite-accounts-table.js';
import { importSignupHandler } from './signup-env.js';

// The per-client signup limit on a real DynamoDB API (dynalite): its counter is a conditional
// write, and its answers are the handler's. Only SQS is mocked.
const sqs = mockClient(SQSClient);
const limit = settings.accounts.signupLimitPerClient;
const windowSeconds = settings.accounts.signupLimitWindowSeconds;
// 90 s into a window of the limit (windows start at multiples of its length since the epoch).
const windowStart = Math.ceil(Date.parse('2026-03-01T12:00:00.000Z') / 1000 / windowSeconds);
const now = (windowStart * windowSeconds + 90) * 1000;
let table: DynaliteAccountsTable;
let handler: Awaited<ReturnType<typeof importSignupHandler>>['handler'];
let sequence = 0;

beforeAll(async () => {
  table = await startDynaliteAccountsTable('accounts-client-limit-test');
  ({ handler } = await importSignupHandler({
    ACCOUNTS_TABLE: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SIGNUP_LIMIT_PER_CLIENT: String(limit),
  }));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await table.stop();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now });
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A valid JSON signup of a new address, from `sourceIp` as API Gateway saw it. */
function signupFrom(sourceIp: string, headers: Record<string, string> = {}) {
  sequence += 1;
  return withSourceIp(
    makeSignupEvent({ email: `person${sequence}@example.com` }, headers),
    sourceIp,
  );
}

function withSourceIp(event: APIGatewayProxyEventV2, sourceIp: string): APIGatewayProxyEventV2 {
  const { requestContext } = event;
  return {
    ...event,
    requestContext: { ...requestContext, http: { ...requestContext.http, sourceIp } },
  };
}

async function statusesOf(events: APIGatewayProxyEventV2[]) {
  const statuses: number[] = [];
  for (const event of events) statuses.push((await handler(event)).statusCode ?? 0);
  return statuses;
}

describe('the per-client signup limit', () => {
  it(`refuses the signup after ${limit} from one client with 429, claiming and queueing nothing, while another client signs up`, async () => {
    // Prepare
    const client = '198.51.100.1';
    await statusesOf(Array.from({ length: limit }, () => signupFrom(client)));
    sqs.resetHistory();

    // Act
    const refused = await handler(signupFrom(client));
    const other = await handler(signupFrom('198.51.100.2'));

    // Assess
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': String(windowSeconds - 90),
    });
    expect(JSON.parse(refused.body ?? '')).toMatchObject({
      type: 'urn:signup-mailer:problem:too-many-signups',
      status: 429,
    });
    expect(other.statusCode).toBe(202);
    // Only the other client's email was queued; the refused address got no account.
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
    expect(await readItem(`person${sequence - 1}@example.com`)).toBeUndefined();
    expect(await readItem(`person${sequence}@example.com`)).toMatchObject({ status: 'pending' });
  });

  it('lets the client sign up again once its window has ended', async () => {
    // Prepare
    const client = '198.51.100.3';
    await statusesOf(Array.from({ length: limit + 1 }, () => signupFrom(client)));
    vi.setSystemTime(now + (windowSeconds - 90) * 1000);

    // Act
    const next = await handler(signupFrom(client));

    // Assess
    expect(next.statusCode).toBe(202);
  });

  it('does not count bad input, which is refused before', async () => {
    // Prepare
    const client = '198.51.100.4';
    const invalid = Array.from({ length: limit }, () =>
      withSourceIp(makeSignupEvent({ email: 'not-an-address' }), client),
    );

    // Act
    const statuses = await statusesOf([
      ...invalid,
      ...Array.from({ length: limit }, () => signupFrom(client)),
    ]);

    // Assess
    expect(statuses).toEqual([...Array(limit).fill(400), ...Array(limit).fill(202)]);
  });

  it('counts an IPv6 client by its /64, and ignores X-Forwarded-For', async () => {
    // Prepare: ten from one /64, each with another address in it and a forged header.
    const events = Array.from({ length: limit }, (_, index) =>
      signupFrom(`2001:db8:1:2::${index + 1}`, { 'x-forwarded-for': `203.0.113.${index}` }),
    );
    await statusesOf(events);

    // Act
    const sameSubnet = await handler(signupFrom('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    const otherSubnet = await handler(signupFrom('2001:db8:1:3::1'));

    // Assess
    expect([sameSubnet.statusCode, otherSubnet.statusCode]).toEqual([429, 202]);
  });

  it('answers a browser past the limit with the form page, its values and Retry-After', async () => {
    // Prepare
    const client = '198.51.100.5';
    await statusesOf(Array.from({ length: limit }, () => signupFrom(client)));
    const form = withSourceIp(
      makeHttpApiEvent({
        method: 'POST',
        path: '/signup',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        body: 'email=zoe%40example.com&name=Zoe',
      }),
      client,
    );

    // Act
    const page = await handler(form);

    // Assess
    expect(page.statusCode).toBe(429);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(windowSeconds - 90),
    });
    expect(page.body).toContain('value="zoe@example.com"');
  });
});

describe('toClient', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:abcd:0:0:1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('counts %s as %s', (sourceIp, client) => {
    // Act & Assess
    expect(toClient(sourceIp)).toBe(client);
  });
});

async function readItem(email: string) {
  const { readAccount } = await import('../../../functions/signup/accounts/account-store.js');
  return readAccount(email, { accountsTable: table.tableName });
}
