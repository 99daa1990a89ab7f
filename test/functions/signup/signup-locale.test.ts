import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, ddb, handler } = prepareSignupHandler();

/** The locale of the one job queued, and the one stored on the account. */
function sentLocales() {
  const body = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '';
  const job = emailJobSchema.parse(JSON.parse(body));
  const stored = ddb.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues;
  return { job: job.props.locale, stored: stored?.[':locale'] };
}

describe('the language of the signup emails', () => {
  it.each([
    { acceptLanguage: undefined, locale: 'en' },
    { acceptLanguage: 'de-DE,de;q=0.9,en;q=0.8', locale: 'de' },
    { acceptLanguage: 'de-AT', locale: 'de' },
    { acceptLanguage: 'en-GB,en;q=0.9,de;q=0.8', locale: 'en' },
    { acceptLanguage: 'fr-FR,fr;q=0.9', locale: 'en' },
    { acceptLanguage: 'fr;q=1, de;q=0.5', locale: 'de' },
  ])('is $locale for Accept-Language $acceptLanguage', async ({ acceptLanguage, locale }) => {
    // Prepare
    const headers: Record<string, string> =
      acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage };

    // Act
    await handler(makeSignupEvent({ email: 'ann@example.com' }, headers));

    // Assess
    expect(sentLocales()).toEqual({ job: locale, stored: locale });
  });

  it('follows the locale field over Accept-Language', async () => {
    // Act
    await handler(
      makeSignupEvent({ email: 'ann@example.com', locale: 'EN-us' }, { 'accept-language': 'de' }),
    );

    // Assess
    expect(sentLocales()).toEqual({ job: 'en', stored: 'en' });
  });

  it.each(['fr', 'de-garbage-$$$', 'de_DE.UTF-8'])(
    'refuses a locale field it has no emails for (%s), naming the field',
    async (locale) => {
      // Act
      const result = await handler(makeSignupEvent({ email: 'ann@example.com', locale }));

      // Assess
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body ?? '').errors).toEqual([
        { field: 'locale', detail: 'locale must be one of en, de' },
      ]);
      expect(ddb).not.toHaveReceivedAnyCommand();
    },
  );
});
