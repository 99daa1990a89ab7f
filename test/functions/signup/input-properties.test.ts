import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { normalizeEmailAddress } from '../../../functions/commons/helpers/email-address.js';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { emailLike } from './email-like.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, handler } = prepareSignupHandler();
const numRuns = 300;

/** Sends the event and checks the invariants: no 5xx, and every queued job is sound. */
async function assertHandledSafely(event: APIGatewayProxyEventV2): Promise<number | undefined> {
  sqs.resetHistory();
  const result = await handler(event);
  expect(result.statusCode).toBeLessThan(500);
  const calls = sqs.commandCalls(SendMessageCommand);
  expect(calls.length).toBe(result.statusCode === 202 ? 1 : 0);
  for (const call of calls) {
    const job = emailJobSchema.parse(JSON.parse(call.args[0].input.MessageBody ?? ''));
    expect(normalizeEmailAddress(job.to.email)).toEqual({ ok: true, address: job.to.email });
  }
  return result.statusCode;
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
);

function post(body: string, contentType: string, isBase64Encoded = false): APIGatewayProxyEventV2 {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/signup',
    headers: { 'content-type': contentType },
    body,
    isBase64Encoded,
  });
}

describe('arbitrary input never yields a 5xx or an unsound job', () => {
  it('holds for arbitrary JSON values as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), contentTypes, async (value, contentType) => {
        await assertHandledSafely(post(JSON.stringify(value) ?? 'null', contentType));
      }),
      { numRuns },
    );
  });

  it('holds for arbitrary strings as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), contentTypes, async (body, contentType) => {
        await assertHandledSafely(post(body, contentType));
      }),
      { numRuns },
    );
  });

  it('holds for arbitrary bytes, base64-encoded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await assertHandledSafely(
          post(Buffer.from(bytes).toString('base64'), 'application/json', true),
        );
      }),
      { numRuns },
    );
  });

  it('holds for arbitrary email and name strings inside valid JSON', async () => {
    const email = fc.oneof(fc.emailAddress(), emailLike, fc.string({ unit: 'binary' }));
    const name = fc.option(
      fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(email, name, async (emailValue, nameValue) => {
        await assertHandledSafely(
          post(JSON.stringify({ email: emailValue, name: nameValue }), 'application/json'),
        );
      }),
      { numRuns },
    );
  });

  it('holds for arbitrary email and name strings in an HTML form', async () => {
    await fc.assert(
      fc.asyncProperty(emailLike, fc.string({ unit: 'binary' }), async (emailValue, nameValue) => {
        const body = new URLSearchParams({ email: emailValue, name: nameValue }).toString();
        await assertHandledSafely(post(body, 'application/x-www-form-urlencoded'));
      }),
      { numRuns },
    );
  });
});

describe('malformed events', () => {
  it('never yield a 5xx, whatever their members hold', async () => {
    const member = fc.oneof(fc.anything(), fc.string());
    const event = fc.record(
      {
        version: fc.constantFrom('1.0', '2.0', '2.0', undefined),
        routeKey: fc.oneof(fc.constant('$default'), member),
        rawQueryString: fc.oneof(fc.constant(''), fc.constant('token=x'), member),
        httpMethod: fc.oneof(fc.constantFrom('POST', 'GET', 'OPTIONS'), member),
        rawPath: fc.oneof(fc.constantFrom('/signup', '/confirm', '/health'), member),
        path: fc.oneof(fc.constantFrom('/signup', '/confirm'), member),
        headers: fc.oneof(
          fc.constant({ 'content-type': 'application/json' }),
          fc.dictionary(fc.string(), member),
        ),
        multiValueHeaders: fc.oneof(fc.constant({ 'Content-Type': ['application/json'] }), member),
        queryStringParameters: fc.oneof(
          fc.dictionary(fc.constantFrom('token', 'x'), member),
          member,
        ),
        requestContext: fc.oneof(
          fc.record({
            http: fc.record({ method: fc.oneof(fc.constantFrom('POST', 'GET'), member) }),
            stage: member,
          }),
          member,
        ),
        body: fc.oneof(fc.constant('{"email":"ann@example.com"}'), member),
        isBase64Encoded: fc.oneof(fc.boolean(), member),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (value) => {
        await assertHandledSafely(value as unknown as APIGatewayProxyEventV2);
      }),
      { numRuns },
    );
  });

  it('never yield a 5xx when the event is not even an object', async () => {
    for (const value of [null, undefined, 42, 'event', []]) {
      await assertHandledSafely(value as unknown as APIGatewayProxyEventV2);
    }
  });
});
