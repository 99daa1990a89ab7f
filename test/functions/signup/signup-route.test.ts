import { SendMessageCommand, SQSServiceException } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { verifyConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { testAppUrl, testQueueUrl, testTokenSecret } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, ddb, handler } = prepareSignupHandler();

/** The one SendMessage input the handler sent. */
function sentMessage() {
  const calls = sqs.commandCalls(SendMessageCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0]?.args[0].input;
  if (!input) throw new Error('no SendMessage input');
  return input;
}

describe('POST /signup', () => {
  it('queues one verify-email job and answers 202 with its id', async () => {
    // Prepare
    const event = makeSignupEvent({ email: '  Ann.Lee+news@Example.COM ', name: '  Ann Lee ' });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['content-type']).toBe('application/json');
    const input = sentMessage();
    expect(input.QueueUrl).toBe(testQueueUrl);
    const job = emailJobSchema.parse(JSON.parse(input.MessageBody ?? ''));
    expect(JSON.parse(result.body ?? '')).toEqual({ id: job.id, status: 'queued' });
    expect(input.MessageAttributes).toEqual({ jobId: { DataType: 'String', StringValue: job.id } });
    expect(job.template).toBe('verify-email');
    expect(job.to).toEqual({ email: 'Ann.Lee+news@example.com', name: 'Ann Lee' });
    expect(job.props).toMatchObject({ name: 'Ann Lee', expiresInMinutes: 60 });
  });

  it('puts a confirmation link in the job whose token verifies with the secret', async () => {
    // Prepare
    const event = makeSignupEvent({ email: 'bob@example.org' });

    // Act
    await handler(event);

    // Assess
    const job = emailJobSchema.parse(JSON.parse(sentMessage().MessageBody ?? ''));
    const link = new URL(String(job.props.confirmUrl));
    expect(`${link.origin}${link.pathname}`).toBe(`${testAppUrl}/confirm`);
    const verified = verifyConfirmationToken(link.searchParams.get('token') ?? '', {
      secret: testTokenSecret,
    });
    expect(verified).toMatchObject({ ok: true, email: 'bob@example.org' });
  });

  it('writes the job as ASCII JSON, any name escaped, surrogate pairs as two escapes', async () => {
    // Prepare
    const event = makeSignupEvent({ email: 'ann@example.com', name: 'Ann 😀 𠮷田 Zoë' });

    // Act
    await handler(event);

    // Assess: what fauxqs and SQS both accept (TOOLCHAIN.md), and the name as typed once parsed.
    const body = sentMessage().MessageBody ?? '';
    expect(body).toMatch(/^[\x20-\x7e]*$/);
    expect(body).toContain('"name":"Ann \\ud83d\\ude00 \\ud842\\udfb7\\u7530 Zo\\u00eb"');
    expect(emailJobSchema.parse(JSON.parse(body)).to.name).toBe('Ann 😀 𠮷田 Zoë');
  });

  it('leaves name out of the job when none is given', async () => {
    // Prepare
    const event = makeSignupEvent({ email: 'bob@example.org', name: '   ' });

    // Act
    await handler(event);

    // Assess
    const job = emailJobSchema.parse(JSON.parse(sentMessage().MessageBody ?? ''));
    expect(job.to).toEqual({ email: 'bob@example.org' });
    expect(job.props).not.toHaveProperty('name');
  });

  it.each([
    { label: 'malformed JSON', body: '{"email": ', status: 400, kind: 'malformed-body' },
    { label: 'a missing email', body: { name: 'Ann' }, status: 400, kind: 'invalid-field' },
    {
      label: 'an email without @',
      body: { email: 'ann.example.com' },
      status: 400,
      kind: 'invalid-field',
    },
    {
      label: 'an email of the wrong type',
      body: { email: 42 },
      status: 400,
      kind: 'invalid-field',
    },
    {
      label: 'a name with a line break',
      body: { email: 'a@example.com', name: 'A\nB' },
      status: 400,
      kind: 'invalid-field',
    },
    {
      label: 'a name over 100 characters',
      body: { email: 'a@example.com', name: 'a'.repeat(101) },
      status: 400,
      kind: 'invalid-field',
    },
  ])('answers $status for $label and queues nothing', async ({ body, status, kind }) => {
    // Prepare
    const event = makeSignupEvent(body);

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      type: `urn:signup-mailer:problem:${kind}`,
      status,
    });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  describe('a recipient in a special-use domain (RFC 6761), a certain bounce in SES', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it.each([
      ['x@foo.localhost', '.localhost, a special-use domain that receives no email'],
      ['x@foo.invalid', '.invalid, a special-use domain that receives no email'],
      ['x@foo.local', '.local, a special-use domain that receives no email'],
      ['x@foo.onion', '.onion, a special-use domain that receives no email'],
      ['x@foo.home.arpa', '.arpa, a special-use domain that receives no email'],
      ['x@foo.alt', '.alt, a special-use domain that receives no email'],
    ])('is refused with a 400 naming the domain: %s', async (email, why) => {
      // Act
      const result = await handler(makeSignupEvent({ email, name: 'X' }));

      // Assess
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body ?? '').errors).toEqual([
        { field: 'email', detail: `email must not be in ${why}` },
      ]);
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
      expect(ddb.calls()).toHaveLength(0);
    });

    it.each([
      ['ann@example.com', 'example.com'],
      ['ann@acme.test', '.test'],
      ['ann@shop.example', '.example'],
    ])(
      'in a domain for examples, %s, is refused where ALLOW_EXAMPLE_RECIPIENTS is unset, as deployed',
      async (email, domain) => {
        // Prepare
        vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', undefined);

        // Act
        const result = await handler(makeSignupEvent({ email, name: 'Ann' }));

        // Assess
        expect(result.statusCode).toBe(400);
        expect(JSON.parse(result.body ?? '').errors).toEqual([
          {
            field: 'email',
            detail: `email must not be in ${domain}, a domain reserved for examples`,
          },
        ]);
        expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
        expect(ddb.calls()).toHaveLength(0);
      },
    );
  });

  it('names the offending field in the problem', async () => {
    // Prepare
    const event = makeSignupEvent({ email: 'ann@', name: 'Ann' });

    // Act
    const result = await handler(event);

    // Assess
    const problem = JSON.parse(result.body ?? '');
    expect(problem).toMatchObject({
      title: expect.any(String),
      detail: expect.stringMatching(/email/i),
    });
    expect(problem.errors).toEqual([
      { field: 'email', detail: 'email must have a domain after the @' },
    ]);
  });

  it('answers 415 for a non-JSON content type and queues nothing', async () => {
    // Prepare
    const event = makeSignupEvent('email=a@example.com', { 'content-type': 'text/plain' });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(415);
    expect(result.headers?.['accept-post']).toBe(
      'application/json, application/x-www-form-urlencoded',
    );
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('answers 413 for a body over 16 KiB and queues nothing', async () => {
    // Prepare
    const event = makeSignupEvent({ email: 'a@example.com', padding: 'x'.repeat(16 * 1024) });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      type: 'urn:signup-mailer:problem:payload-too-large',
    });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('answers 503 with Retry-After and no stack trace when SQS refuses the message', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(
      new SQSServiceException({
        name: 'KmsThrottled',
        $fault: 'server',
        $metadata: {},
        message: 'throttled',
      }),
    );
    const event = makeSignupEvent({ email: 'ann@example.com' });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(result.body).not.toMatch(/KmsThrottled|throttled|at .*\.(?:ts|js)/);
  });
});
