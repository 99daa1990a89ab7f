import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { settings } from '../../../lib/settings.js';
import { makeHttpApiEvent, makeSignupEvent } from '../../factories/api-gateway-events.js';
import { makeAccount, makeConditionFailure } from './accounts-table-mock.js';
import { importSignupHandler, testTokenOptions } from './signup-env.js';
import { prepareSignupHandler, type SignupHandler } from './signup-test-setup.js';

// A characterisation of every answer docs/api.md documents: status, headers and body, recorded
// in documented-answers.json. A change to any of them must change docs/api.md with it.
const now = Date.parse('2026-03-01T12:00:00.000Z');
const { sqs, ddb, handler } = prepareSignupHandler({ now });
const secretsManager = mockClient(SecretsManagerClient);
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;
const appOrigin = 'https://app.example.com';
let secretArnHandler: SignupHandler;
let limitedHandler: SignupHandler;

beforeAll(async () => {
  ({ handler: limitedHandler } = await importSignupHandler({
    SIGNUP_LIMIT_PER_CLIENT: String(settings.accounts.signupLimitPerClient),
  }));
  ({ handler: secretArnHandler } = await importSignupHandler({
    TOKEN_SECRET: undefined,
    TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf',
  }));
});

beforeEach(() => {
  secretsManager.reset();
});

/** What the client sees of an answer: status, headers by lower-case name, body (ids masked). */
async function answerTo(event: APIGatewayProxyEventV2, invoke: SignupHandler = handler) {
  const result = await invoke(event);
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {})
      .map(([name, value]) => [name.toLowerCase(), String(value)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { status: result.statusCode, headers, body: (result.body ?? '').replace(uuid, '<uuid>') };
}

function post(body: string, headers: Record<string, string>, isBase64Encoded = false) {
  return makeHttpApiEvent({ method: 'POST', path: '/signup', headers, body, isBase64Encoded });
}

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const browserForm = { ...form, accept: browserAccept };
const get = (path: string, query?: Record<string, string>) =>
  makeHttpApiEvent({ method: 'GET', path, ...(query === undefined ? {} : { query }) });
const confirmLink = (email: string, signedAt = now, locale?: 'de') =>
  get('/confirm', {
    token: signConfirmationToken(email, {
      ...testTokenOptions,
      now: signedAt,
      ...(locale === undefined ? {} : { locale }),
    }),
  });
const pressButton = (token: string) =>
  makeHttpApiEvent({
    method: 'POST',
    path: '/confirm',
    headers: form,
    body: token === '' ? 'locale=en' : new URLSearchParams({ token }).toString(),
  });
const preflight = (origin: string) =>
  makeHttpApiEvent({
    method: 'OPTIONS',
    path: '/signup',
    headers: { origin, 'access-control-request-method': 'POST' },
  });
const pendingThenConfirmed = () =>
  ddb.on(UpdateCommand).resolves({
    Attributes: makeAccount({ status: 'confirmed', confirmedAt: new Date(now).toISOString() }),
  });

/** Each documented case: a name, how the dependencies answer, and the request. */
const cases: [string, () => void, () => Promise<Awaited<ReturnType<typeof answerTo>>>][] = [
  [
    'POST /signup JSON: 202',
    () => {},
    () => answerTo(makeSignupEvent({ email: 'ann@example.com', name: 'Ann' })),
  ],
  [
    'POST /signup form, no Accept: 202 JSON',
    () => {},
    () => answerTo(post('email=ann%40example.com', form)),
  ],
  [
    'POST /signup base64 JSON: 202',
    () => {},
    () => answerTo(post(Buffer.from('{"email":"ann@example.com"}').toString('base64'), json, true)),
  ],
  ['400 empty-body', () => {}, () => answerTo(post('', json))],
  ['400 malformed-body: JSON', () => {}, () => answerTo(post('{"email": ', json))],
  ['400 malformed-body: not base64', () => {}, () => answerTo(post('%%%', json, true))],
  [
    '400 malformed-body: not UTF-8',
    () => {},
    () => answerTo(post(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), json, true)),
  ],
  ['400 invalid-body', () => {}, () => answerTo(post('["ann@example.com"]', json))],
  [
    '400 invalid-field: email, name and locale',
    () => {},
    () => answerTo(makeSignupEvent({ email: 'ann@', name: 'A\nB', locale: 'fr' })),
  ],
  [
    '400 invalid-field: a form field twice',
    () => {},
    () => answerTo(post('email=a%40example.com&email=b%40example.com', form)),
  ],
  [
    '413 payload-too-large',
    () => {},
    () => answerTo(makeSignupEvent({ email: 'a@example.com', padding: 'x'.repeat(16 * 1024) })),
  ],
  ['415 no Content-Type', () => {}, () => answerTo(post('{"email":"ann@example.com"}', {}))],
  [
    '415 text/plain',
    () => {},
    () => answerTo(post('{"email":"ann@example.com"}', { 'content-type': 'text/plain' })),
  ],
  [
    '415 a charset other than UTF-8',
    () => {},
    () =>
      answerTo(
        post('{"email":"ann@example.com"}', { 'content-type': 'application/json; charset=latin1' }),
      ),
  ],
  [
    '429 too-many-signups: the client is past its limit',
    () => ddb.on(UpdateCommand).rejects(makeConditionFailure()),
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' }), limitedHandler),
  ],
  [
    '503 SQS refuses',
    () => sqs.on(SendMessageCommand).rejects(new Error('refused')),
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' })),
  ],
  [
    '503 DynamoDB refuses',
    () => ddb.on(UpdateCommand).rejects(new Error('refused')),
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' })),
  ],
  [
    '503 Secrets Manager fails',
    () => secretsManager.on(GetSecretValueCommand).rejects(new Error('denied')),
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' }), secretArnHandler),
  ],
  [
    'browser form: 202 check your inbox',
    () => {},
    () => answerTo(post('email=ann%40example.com&name=Ann', browserForm)),
  ],
  [
    'browser form: 202 check your inbox in German (the form’s locale)',
    () => {},
    () => answerTo(post('email=ann%40example.com&locale=de', browserForm)),
  ],
  [
    'browser form: 400 page with the form in German',
    () => {},
    () => answerTo(post('email=ann%40&name=evil.com&locale=de', browserForm)),
  ],
  [
    'browser form: 400 page with the form',
    () => {},
    () => answerTo(post('email=%3Cb%3Eann%40&name=Ann', browserForm)),
  ],
  [
    'browser form: 415 page',
    () => {},
    () =>
      answerTo(
        post('email=ann%40example.com', { 'content-type': 'text/plain', accept: browserAccept }),
      ),
  ],
  [
    'browser form: 503 page',
    () => sqs.on(SendMessageCommand).rejects(new Error('refused')),
    () => answerTo(post('email=ann%40example.com', browserForm)),
  ],
  [
    'browser form: 429 page',
    () => ddb.on(UpdateCommand).rejects(makeConditionFailure()),
    () => answerTo(post('email=ann%40example.com', browserForm), limitedHandler),
  ],
  [
    'browser form: Secrets Manager fails',
    () => secretsManager.on(GetSecretValueCommand).rejects(new Error('denied')),
    () => answerTo(post('email=ann%40example.com', browserForm), secretArnHandler),
  ],
  ['GET /: the signup page', () => {}, () => answerTo(get('/'))],
  [
    'GET /: the signup page in German (Accept-Language)',
    () => {},
    () =>
      answerTo(
        makeHttpApiEvent({ method: 'GET', path: '/', headers: { 'accept-language': 'de-DE' } }),
      ),
  ],
  ['GET /health', () => {}, () => answerTo(get('/health'))],
  [
    'GET /confirm: 200 the page with the button (a pending account)',
    () => ddb.on(GetCommand).resolves({ Item: makeAccount() }),
    () => answerTo(confirmLink('ann@example.com')),
  ],
  [
    'GET /confirm: 200 already confirmed',
    () => ddb.on(GetCommand).resolves({ Item: makeAccount({ status: 'confirmed' }) }),
    () => answerTo(confirmLink('ann@example.com')),
  ],
  [
    'GET /confirm: 400 expired',
    () => {},
    () => answerTo(confirmLink('ann@example.com', now - 2 * 3600_000)),
  ],
  [
    'GET /confirm: 400 tampered',
    () => {},
    () => answerTo(get('/confirm', { token: `${confirmLinkToken()}x` })),
  ],
  ['GET /confirm: 400 no token', () => {}, () => answerTo(get('/confirm'))],
  [
    'GET /confirm: 400 signup no longer held',
    () => ddb.on(GetCommand).resolves({}),
    () => answerTo(confirmLink('ann@example.com')),
  ],
  [
    'GET /confirm: 503 DynamoDB refuses',
    () => ddb.on(GetCommand).rejects(new Error('refused')),
    () => answerTo(confirmLink('ann@example.com')),
  ],
  [
    'GET /confirm: Secrets Manager fails',
    () => secretsManager.on(GetSecretValueCommand).rejects(new Error('denied')),
    () => answerTo(confirmLink('ann@example.com'), secretArnHandler),
  ],
  [
    'GET /confirm: in the language the token carries',
    () => ddb.on(GetCommand).resolves({ Item: makeAccount({ locale: 'de' }) }),
    () => answerTo(confirmLink('ann@example.com', now, 'de')),
  ],
  [
    'POST /confirm: 200 confirmed',
    pendingThenConfirmed,
    () => answerTo(pressButton(confirmLinkToken())),
  ],
  [
    'POST /confirm: 200 already confirmed',
    () => {
      ddb.on(UpdateCommand).rejects(makeConditionFailure());
      ddb.on(GetCommand).resolves({ Item: makeAccount({ status: 'confirmed' }) });
    },
    () => answerTo(pressButton(confirmLinkToken())),
  ],
  ['POST /confirm: 400 no token', () => {}, () => answerTo(pressButton(''))],
  [
    'POST /confirm: 503 SQS refuses the welcome',
    () => {
      pendingThenConfirmed();
      sqs.on(SendMessageCommand).rejects(new Error('refused'));
    },
    () => answerTo(pressButton(confirmLinkToken())),
  ],
  ['an unknown path', () => {}, () => answerTo(get('/admin'))],
  ['a known path with another method', () => {}, () => answerTo(get('/signup'))],
  // CORS is API Gateway's (and the local API's): the function answers neither preflights nor
  // with CORS headers (test/local/api-gateway-cors.test.ts has the CORS answers).
  ['a preflight, should one reach the function', () => {}, () => answerTo(preflight(appOrigin))],
  [
    '202 to a request from another origin: no CORS header of its own',
    () => {},
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' }, { origin: appOrigin })),
  ],
  // Last: Powertools keeps a fetched secret for 5 s, so no case after this one fetches again.
  [
    '500 the secret holds no usable key',
    () => secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'short' }),
    () => answerTo(makeSignupEvent({ email: 'ann@example.com' }), secretArnHandler),
  ],
];

function confirmLinkToken(): string {
  return signConfirmationToken('ann@example.com', { ...testTokenOptions, now });
}

describe('the answers docs/api.md documents', () => {
  it('are the recorded ones, byte for byte', async () => {
    const answers: Record<string, unknown> = {};
    for (const [name, arrange, act] of cases) {
      // Prepare
      sqs.reset();
      sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
      ddb.reset();
      ddb.on(UpdateCommand).resolves({});
      secretsManager.reset();
      arrange();

      // Act
      answers[name] = await act();
    }

    // Assess
    await expect(`${JSON.stringify(answers, null, 2)}\n`).toMatchFileSnapshot(
      './documented-answers.json',
    );
  });
});
