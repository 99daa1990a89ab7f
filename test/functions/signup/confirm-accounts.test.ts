import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { makeAccount, makeConditionFailure, testAccountsTable } from './accounts-table-mock.js';
import { testAppUrl, testTokenOptions } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const { sqs, ddb, handler } = prepareSignupHandler({ acceptAccountWrites: false, now });

function makeConfirmEvent(email: string, signedAt = now) {
  const token = signConfirmationToken(email, { ...testTokenOptions, now: signedAt });
  return makeHttpApiEvent({ method: 'GET', path: '/confirm', query: { token } });
}

const confirmedAccount = makeAccount({
  email: 'Ann@example.com',
  name: 'Ann',
  locale: 'de',
  status: 'confirmed',
  confirmedAt: new Date(now).toISOString(),
});

describe('GET /confirm with the accounts table', () => {
  it('confirms a pending account once and queues its welcome email, with a link back to the app', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: confirmedAccount });

    // Act
    const result = await handler(makeConfirmEvent('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<strong>Ann@example.com</strong> is confirmed');
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: testAccountsTable,
      Key: { emailKey: 'ann@example.com' },
      ConditionExpression: '#status = :pending',
      ReturnValues: 'ALL_NEW',
    });
    const jobs = sqs
      .commandCalls(SendMessageCommand)
      .map((call) => emailJobSchema.parse(JSON.parse(call.args[0].input.MessageBody ?? '')));
    expect(jobs).toEqual([
      expect.objectContaining({
        template: 'welcome',
        to: { email: 'Ann@example.com', name: 'Ann' },
        props: {
          name: 'Ann',
          appUrl: testAppUrl,
          nextSteps: ['bookmark-app', 'add-sender'],
          locale: 'de',
        },
      }),
    ]);
  });

  it('says a link used before is already confirmed, and sends no second welcome', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(makeConditionFailure());
    ddb.on(GetCommand).resolves({ Item: confirmedAccount });

    // Act
    const result = await handler(makeConfirmEvent('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('already confirmed');
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      Key: { emailKey: 'ann@example.com' },
      ConsistentRead: true,
    });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('offers a new link when the account no longer exists', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(makeConditionFailure());
    ddb.on(GetCommand).resolves({});

    // Act
    const result = await handler(makeConfirmEvent('ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('no longer valid');
    expect(result.body).toContain(`<form method="post" action="${testAppUrl}/signup">`);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('offers a form for a new link when the token expired, and touches no account', async () => {
    // Act
    const result = await handler(makeConfirmEvent('ann@example.com', now - 2 * 3600_000));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('has expired');
    expect(result.body).toContain('<input id="email" name="email" type="email"');
    expect(result.headers?.['content-security-policy']).toContain(
      `form-action ${new URL(testAppUrl).origin};`,
    );
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('refuses a tampered token without touching any account', async () => {
    // Prepare
    const event = makeConfirmEvent('ann@example.com');
    const token = event.queryStringParameters?.token ?? '';
    const forged = `${Buffer.from('{"e":"eve@example.com","x":9999999999}').toString('base64url')}.${token.split('.')[1]}`;

    // Act
    const result = await handler(
      makeHttpApiEvent({ method: 'GET', path: '/confirm', query: { token: forged } }),
    );

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('not valid');
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('reverts the confirmation when SQS refuses the welcome, so the link works again', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: confirmedAccount });
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));

    // Act
    const result = await handler(makeConfirmEvent('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    const [, revert] = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(revert).toMatchObject({
      Key: { emailKey: 'ann@example.com' },
      ConditionExpression: '#status = :confirmed AND #confirmedAt = :confirmedAt',
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':confirmedAt': confirmedAccount.confirmedAt,
      },
    });
  });
});
