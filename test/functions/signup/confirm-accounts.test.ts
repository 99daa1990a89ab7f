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

function tokenFor(email: string, signedAt = now) {
  return signConfirmationToken(email, { ...testTokenOptions, now: signedAt });
}

/** The emailed link, opened: `GET` (or `HEAD`) `/confirm?token=…`. */
function openLink(email: string, signedAt = now, method = 'GET') {
  return makeHttpApiEvent({
    method,
    path: '/confirm',
    query: { token: tokenFor(email, signedAt) },
  });
}

/** The confirmation page's button: `POST /confirm` with the form's `token`. */
function pressButton(email: string, body = `token=${tokenFor(email)}`) {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/confirm',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

const pendingAccount = makeAccount({ email: 'Ann@example.com', name: 'Ann', locale: 'de' });
const confirmedAccount = makeAccount({
  ...pendingAccount,
  status: 'confirmed',
  confirmedAt: new Date(now).toISOString(),
});

describe('GET and HEAD /confirm with the accounts table', () => {
  it.each(['GET', 'HEAD'])(
    '%s shows the button for a pending account, and writes and queues nothing',
    async (method) => {
      // Prepare
      ddb.on(GetCommand).resolves({ Item: pendingAccount });

      // Act
      const result = await handler(openLink('Ann@example.com', now, method));

      // Assess
      expect(result.statusCode).toBe(200);
      expect(result.body).toContain('<input type="hidden" name="token"');
      expect(ddb).toHaveReceivedCommandWith(GetCommand, {
        TableName: testAccountsTable,
        Key: { emailKey: 'ann@example.com' },
        ConsistentRead: true,
      });
      expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    },
  );

  it('says a confirmed account is confirmed already, with no button', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: confirmedAccount });

    // Act
    const result = await handler(openLink('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('already confirmed');
    expect(result.body).not.toContain('<button');
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('offers a new link when the account no longer exists', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});

    // Act
    const result = await handler(openLink('ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('no longer valid');
    expect(result.body).toContain(`<form method="post" action="${testAppUrl}/signup">`);
  });

  it('offers a form for a new link when the token expired, and touches no account', async () => {
    // Act
    const result = await handler(openLink('ann@example.com', now - 2 * 3600_000));

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
    const token = tokenFor('ann@example.com');
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

  it('answers 503 with the button when the account cannot be read', async () => {
    // Prepare
    ddb.on(GetCommand).rejects(new Error('throttled'));

    // Act
    const result = await handler(openLink('ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(result.body).toContain('Try again in 5 seconds.');
    expect(result.body).toContain('<input type="hidden" name="token"');
  });
});

describe('POST /confirm with the accounts table', () => {
  it('confirms a pending account once and queues its welcome email, with a link back to the app', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: confirmedAccount });

    // Act
    const result = await handler(pressButton('Ann@example.com'));

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
    const result = await handler(pressButton('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('already confirmed');
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it.each([
    ['no token', 'email=ann%40example.com'],
    ['an empty body', ''],
  ])('answers the invalid-link page to a post with %s, touching no account', async (_, body) => {
    // Act
    const result = await handler(pressButton('ann@example.com', body));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('not valid');
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('reverts the confirmation when SQS refuses the welcome, and shows the button again', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: confirmedAccount });
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));

    // Act
    const result = await handler(pressButton('Ann@example.com'));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(result.body).toContain('<input type="hidden" name="token"');
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
