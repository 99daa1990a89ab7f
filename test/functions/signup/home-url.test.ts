import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent, makeSignupEvent } from '../../factories/api-gateway-events.js';
import { makeAccount, makeConditionFailure } from './accounts-table-mock.js';
import { testAppUrl, testTokenOptions } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

// The app's home (HOME_URL, from -c homeUrl) is where the emails' buttons lead; the API's own
// URL stays the base of the confirmation link, which the app does not serve.
const homeUrl = 'https://app.acme.example/start';
const now = Date.parse('2026-03-01T12:00:00.000Z');
const { sqs, ddb, handler } = prepareSignupHandler({
  acceptAccountWrites: false,
  now,
  env: { HOME_URL: homeUrl },
});

const account = makeAccount({
  email: 'Ann@example.com',
  name: 'Ann',
  status: 'confirmed',
  confirmedAt: '2026-02-01T08:00:00.000Z',
});

function queuedJob() {
  const [call] = sqs.commandCalls(SendMessageCommand);
  return emailJobSchema.parse(JSON.parse(call?.args[0].input.MessageBody ?? ''));
}

describe('HOME_URL, the app’s home', () => {
  it("is the welcome email's button, not the API's signup form", async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: account });
    const token = signConfirmationToken('Ann@example.com', { ...testTokenOptions, now });

    // Act
    const result = await handler(
      makeHttpApiEvent({
        method: 'POST',
        path: '/confirm',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
    expect(queuedJob()).toMatchObject({ template: 'welcome', props: { appUrl: homeUrl } });
  });

  it('is the way forward of the already-registered notice', async () => {
    // Prepare
    ddb.on(UpdateCommand).callsFake((input: UpdateCommand['input']) => {
      if (input.ExpressionAttributeValues?.[':confirmed'] === undefined) {
        throw makeConditionFailure();
      }
      return { Attributes: account };
    });

    // Act
    const result = await handler(makeSignupEvent({ email: 'ann@example.com' }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(queuedJob()).toMatchObject({
      template: 'already-registered',
      props: { appUrl: homeUrl, confirmedAt: '2026-02-01T08:00:00.000Z' },
    });
  });

  it('leaves the confirmation link on the API', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await handler(makeSignupEvent({ email: 'bob@example.com' }));

    // Assess
    const { confirmUrl } = queuedJob().props as { confirmUrl: string };
    expect(confirmUrl.startsWith(`${testAppUrl}/confirm?token=`)).toBe(true);
  });
});
