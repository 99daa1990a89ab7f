import { request as httpRequest } from 'node:http';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { settings } from '../../lib/settings.js';
import { localClientConfig } from '../../local/emulators/client-config.js';
import {
  findConfirmationLink,
  isAddressedTo,
  listInboxEmails,
  waitForEmail,
} from '../../local/emulators/inbox.js';
import { describeDeadLetter, peekMessages } from '../../local/operations/dead-letters.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';
import { makeLambdaContext } from '../factories/sqs-event.js';
import { postBase64 } from '../functions/signup/input-cases/input-case.js';

// End to end: real HTTP requests, the unmodified handlers, the SQS and SES v2 emulators.
const subjectPrefix = '[Local Stack Test] ';
const silentLogger = { info: () => {}, error: () => {} };
let stack: LocalStack;
const browserOrigin = 'http://localhost:3001';
const previousEnv = {
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL,
  CORS_ORIGINS: process.env.CORS_ORIGINS,
};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  process.env.CORS_ORIGINS = browserOrigin;
  stack = await startLocalStack({
    apiPort: 0,
    sesPort: 0,
    sqsPort: 0,
    waitTimeSeconds: 1,
    mailSubjectPrefix: subjectPrefix,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await stack?.stop();
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const postSignup = (body: string, contentType = 'application/json') =>
  fetch(`${stack.apiUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

/**
 * Waits, if need be, for the next window of the per-client limit (fixed windows from the
 * epoch), so that every request of a test falls in one window.
 */
async function untilWindowHasSeconds(seconds: number): Promise<void> {
  const windowMs = settings.accounts.signupLimitWindowSeconds * 1000;
  const leftMs = windowMs - (Date.now() % windowMs);
  if (leftMs < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, leftMs + 100));
}

/** A JSON signup sent from `localAddress` (127.0.0.0/8 is all loopback), another client. */
function postSignupFrom(localAddress: string, email: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: new URL(stack.apiUrl).port,
        path: '/signup',
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ email }));
  });
}

describe('the local stack', () => {
  it('answers 202 to a signup and delivers its confirmation email with a working link', async () => {
    // Act
    const response = await postSignup(JSON.stringify({ email: 'ann@example.com', name: 'Ann' }));
    const email = await waitForEmail(stack.inboxUrl, 'ann@example.com');

    // Assess
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id: expect.any(String), status: 'queued' });
    expect(email).toBeDefined();
    expect(email?.destination.to).toHaveLength(1);
    expect(email?.subject.startsWith(subjectPrefix)).toBe(true);
    expect(email?.from).toBe('Signup Mailer <no-reply@signup-mailer.local>');
    const textLink = findConfirmationLink(email?.body.text ?? '');
    const htmlLink = findConfirmationLink(email?.body.html ?? '');
    expect(textLink?.startsWith(`${stack.apiUrl}/confirm?token=`)).toBe(true);
    expect(htmlLink).toBe(textLink);
    expect(email?.body.text).toContain('Ann');
    expect(email?.body.html).toMatch(/^<!DOCTYPE html/i);

    // Act: follow the link, as the person would
    const confirmation = await fetch(textLink ?? '');

    // Assess
    expect(confirmation.status).toBe(200);
    expect(confirmation.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each([
    ['an emoji', 'emoji@example.com', 'Ann 😀'],
    ['characters outside the BMP', 'yoshida@example.com', '𠮷田'],
  ])(
    'delivers the email of a name with %s, which the SQS emulator takes as escaped JSON',
    async (_, address, name) => {
      // Act
      const response = await postSignup(JSON.stringify({ email: address, name }));
      const email = await waitForEmail(stack.inboxUrl, address);

      // Assess
      expect(response.status).toBe(202);
      expect(email?.body.text).toContain(`Hi ${name},`);
    },
  );

  it('refuses the signup past the per-client limit with 429 and mails it nothing, while another client signs up', async () => {
    // Prepare
    const limit = settings.accounts.signupLimitPerClient;
    const statuses: number[] = [];
    await untilWindowHasSeconds(20);

    // Act
    for (let index = 0; index <= limit; index += 1) {
      statuses.push(await postSignupFrom('127.0.0.2', `client-a-${index}@example.com`));
    }
    const other = await postSignupFrom('127.0.0.3', 'client-b@example.com');

    // Assess
    expect(statuses).toEqual([...Array(limit).fill(202), 429]);
    expect(other).toBe(202);
    expect(await waitForEmail(stack.inboxUrl, 'client-b@example.com')).toBeDefined();
    const emails = await listInboxEmails(stack.inboxUrl);
    expect(emails.filter((email) => isAddressedTo(email, `client-a-${limit}@example.com`))).toEqual(
      [],
    );
  }, 60_000);

  it('answers 400 to an invalid signup and sends it no email', async () => {
    // Act
    const invalid = await postSignup(
      JSON.stringify({ email: 'bob@example.com', name: 'x'.repeat(101) }),
    );
    const malformed = await postSignup('{"email":', 'application/json');
    // A valid signup after the invalid ones: once its email is in, theirs would be too.
    await postSignup(JSON.stringify({ email: 'sentinel@example.com' }));
    const sentinel = await waitForEmail(stack.inboxUrl, 'sentinel@example.com');

    // Assess
    expect([invalid.status, malformed.status]).toEqual([400, 400]);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(sentinel).toBeDefined();
    const emails = await listInboxEmails(stack.inboxUrl);
    expect(emails.filter((email) => isAddressedTo(email, 'bob@example.com'))).toEqual([]);
  });

  it('hands the function the bytes it received: invalid UTF-8 gets the answer a base64 event of them gets', async () => {
    // Prepare: valid JSON but for one byte, which a UTF-8 decoding would turn into U+FFFD
    const bytes = Buffer.concat([
      Buffer.from('{"email":"utf8@example.com","name":"Ann'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    const { handler } = await import('../../functions/signup/index.js');

    // Act
    const local = await fetch(`${stack.apiUrl}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    const direct = (await handler(postBase64(bytes), makeLambdaContext())) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };

    // Assess
    expect(local.status).toBe(400);
    expect([local.status, local.headers.get('content-type'), await local.text()]).toEqual([
      direct.statusCode,
      direct.headers['content-type'],
      direct.body,
    ]);
    expect(JSON.parse(direct.body)).toMatchObject({ detail: 'The body is not valid UTF-8.' });
  });

  it('puts a signup whose recipient SES rejects (+reject) in the DLQ with its reason, and sends nothing', async () => {
    // Prepare
    const client = new SQSClient(localClientConfig(new URL(stack.queueUrl).origin));
    const recipient = 'zoe+reject@example.com';

    // Act
    const response = await postSignup(JSON.stringify({ email: recipient }));
    const { id } = (await response.json()) as { id: string };
    const row = await vi.waitFor(
      async () => {
        const rows = (await peekMessages(client, stack.dlqUrl)).map(describeDeadLetter);
        const found = rows.find((candidate) => candidate.jobId === id);
        if (found === undefined) throw new Error('not in the DLQ yet');
        return found;
      },
      { timeout: 10_000, interval: 200 },
    );
    client.destroy();

    // Assess
    expect(row.errorName).toBe('MessageRejected');
    expect(row.errorMessage).not.toContain(recipient);
    const emails = await listInboxEmails(stack.inboxUrl);
    expect(emails.filter((email) => isAddressedTo(email, recipient))).toEqual([]);
  });

  it('answers API Gateway’s 404 to a path the API has no route for', async () => {
    // Act
    const response = await fetch(`${stack.apiUrl}/admin`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers 200 to GET /health', async () => {
    // Act
    const response = await fetch(`${stack.apiUrl}/health`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers a CORS preflight from an allowed origin when CORS_ORIGINS is set', async () => {
    // Act
    const response = await fetch(`${stack.apiUrl}/signup`, {
      method: 'OPTIONS',
      headers: {
        origin: browserOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(browserOrigin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });
});
