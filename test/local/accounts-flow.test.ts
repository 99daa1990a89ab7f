import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findConfirmationLink,
  type InboxEmail,
  isAddressedTo,
  listInboxEmails,
  waitForEmail,
} from '../../local/emulators/inbox.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';

// End to end with real conditional writes: the unmodified signup handler on the local stack,
// its accounts table in dynalite, the worker sending through the SES v2 emulator.
const silentLogger = { info: () => {}, error: () => {} };
const previousLogLevel = process.env.POWERTOOLS_LOG_LEVEL;
let stack: LocalStack;
let sentinels = 0;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  stack = await startLocalStack({
    apiPort: 0,
    sesPort: 0,
    sqsPort: 0,
    waitTimeSeconds: 1,
    logger: silentLogger,
    // More than ten signups from 127.0.0.1, each test with its own sentinel.
    signupLimitPerClient: 0,
  });
});

afterAll(async () => {
  await stack?.stop();
  if (previousLogLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = previousLogLevel;
});

function postSignup(body: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${stack.apiUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * The emails to `recipient` once the queue has caught up: a new address's email is queued
 * after everything sent so far, so when it is in, theirs would be too.
 */
async function settledEmailsTo(recipient: string): Promise<InboxEmail[]> {
  sentinels += 1;
  const sentinel = `sentinel-${sentinels}@example.com`;
  await postSignup({ email: sentinel });
  expect(await waitForEmail(stack.inboxUrl, sentinel)).toBeDefined();
  return (await listInboxEmails(stack.inboxUrl)).filter((email) => isAddressedTo(email, recipient));
}

describe('accounts on the local stack', () => {
  it('sends one email for 20 simultaneous signups of one address, answering each alike', async () => {
    // Prepare
    const email = 'crowd@example.com';

    // Act
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postSignup({ email, name: 'Crowd' })),
    );
    const bodies = await Promise.all(
      responses.map(async (response) => (await response.json()) as Record<string, unknown>),
    );

    // Assess
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    expect(new Set(bodies.map((body) => Object.keys(body).join()))).toEqual(new Set(['id,status']));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(20);
    expect(await settledEmailsTo(email)).toHaveLength(1);
  });

  it('confirms once, welcomes once, and says a reused link is already confirmed', async () => {
    // Prepare
    const email = 'flow@example.com';
    await postSignup({ email, name: 'Flo' });
    const verify = await waitForEmail(stack.inboxUrl, email);
    const link = findConfirmationLink(verify?.body.text ?? '') ?? '';

    // Act
    const first = await fetch(link);
    const firstPage = await first.text();
    const second = await fetch(link);
    const secondPage = await second.text();

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(firstPage).toContain('is confirmed');
    expect(secondPage).toContain('already confirmed');
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Confirm your email address',
      '[Signup Mailer] Welcome! Your email address is confirmed',
    ]);
    expect(emails[1]?.body.text).toContain('Hi Flo,');
    expect(emails[1]?.body.text).toContain('Bookmark the app');
    expect(emails[1]?.body.text).toContain(`Open the app ${stack.apiUrl}`);
  });

  it('writes the emails in German for a German Accept-Language', async () => {
    // Prepare
    const email = 'jana@example.de';

    // Act
    await postSignup({ email, name: 'Jana' }, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    const verify = await waitForEmail(stack.inboxUrl, email);
    await fetch(findConfirmationLink(verify?.body.text ?? '') ?? '');

    // Assess
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Bestätigen Sie Ihre E-Mail-Adresse',
      '[Signup Mailer] Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    ]);
    expect(emails[0]?.body.text).toContain('Hallo Jana,');
  });

  it('sends a confirmed address nothing more within its cooldown, answering as for a new one', async () => {
    // Prepare
    const email = 'again@example.com';
    await postSignup({ email });
    const verify = await waitForEmail(stack.inboxUrl, email);
    await fetch(findConfirmationLink(verify?.body.text ?? '') ?? '');

    // Act
    const again = await postSignup({ email });

    // Assess
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: expect.any(String), status: 'queued' });
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Confirm your email address',
      '[Signup Mailer] Welcome! Your email address is confirmed',
    ]);
  });
});
