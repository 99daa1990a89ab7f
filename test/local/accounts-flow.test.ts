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

/** Opens the emailed link as a browser does, and reads the token its page's button posts. */
async function openLink(link: string, headers: Record<string, string> = {}) {
  const response = await fetch(link, { headers });
  const page = await response.text();
  return { response, page, token: /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '' };
}

/** Presses the confirmation page's button: `POST /confirm` with its form. */
function pressButton(token: string, headers: Record<string, string> = {}) {
  return fetch(`${stack.apiUrl}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}

/** Signs up, waits for the link, opens it and presses the button. */
async function signUpAndConfirm(email: string) {
  await postSignup({ email });
  const verify = await waitForEmail(stack.inboxUrl, email);
  const { token } = await openLink(findConfirmationLink(verify?.body.text ?? '') ?? '');
  return pressButton(token);
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

  it('sends one email for 20 plus-tagged variants of one mailbox within the cooldown, to the address typed', async () => {
    // Prepare
    const variants = Array.from({ length: 20 }, (_, index) => `victim+${index}@example.com`);

    // Act
    const responses = await Promise.all(variants.map((email) => postSignup({ email })));
    await settledEmailsTo('victim@example.com');

    // Assess
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    const emails = (await listInboxEmails(stack.inboxUrl)).filter((email) =>
      variants.some((variant) => isAddressedTo(email, variant)),
    );
    expect(emails).toHaveLength(1);
  });

  it('changes nothing when the link is only opened (GET or HEAD): the account stays pending, nothing is queued', async () => {
    // Prepare
    const email = 'scanned@example.com';
    await postSignup({ email });
    const link = findConfirmationLink((await waitForEmail(stack.inboxUrl, email))?.body.text ?? '');

    // Act: a mail scanner and a link previewer open the link
    const [scanner, previewer] = await Promise.all([openLink(link ?? ''), openLink(link ?? '')]);
    const head = await fetch(link ?? '', { method: 'HEAD' });
    const emails = await settledEmailsTo(email);
    // The person presses the button afterwards.
    const confirmed = await pressButton(scanner.token);

    // Assess
    expect([scanner.response.status, previewer.response.status, head.status]).toEqual([
      200, 200, 200,
    ]);
    expect(scanner.page).toContain('Confirm my email address');
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Confirm your email address',
    ]);
    expect(await confirmed.text()).toContain('is confirmed');
  });

  it('confirms once and queues one welcome for 20 simultaneous posts of one link', async () => {
    // Prepare
    const email = 'clicks@example.com';
    await postSignup({ email, name: 'Cli' });
    const link = findConfirmationLink((await waitForEmail(stack.inboxUrl, email))?.body.text ?? '');
    const { token } = await openLink(link ?? '');

    // Act
    const responses = await Promise.all(Array.from({ length: 20 }, () => pressButton(token)));
    const pages = await Promise.all(responses.map((response) => response.text()));

    // Assess
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(pages.filter((page) => page.includes('is confirmed'))).toHaveLength(1);
    expect(pages.filter((page) => page.includes('already confirmed'))).toHaveLength(19);
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Confirm your email address',
      '[Signup Mailer] Welcome! Your email address is confirmed',
    ]);
  });

  it('confirms once, welcomes once, and says a reused link is already confirmed', async () => {
    // Prepare
    const email = 'flow@example.com';
    await postSignup({ email, name: 'Flo' });
    const verify = await waitForEmail(stack.inboxUrl, email);
    const link = findConfirmationLink(verify?.body.text ?? '') ?? '';

    // Act
    const first = await pressButton((await openLink(link)).token);
    const firstPage = await first.text();
    const again = await openLink(link);

    // Assess
    expect([first.status, again.response.status]).toEqual([200, 200]);
    expect(firstPage).toContain('is confirmed');
    expect(again.page).toContain('already confirmed');
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Confirm your email address',
      '[Signup Mailer] Welcome! Your email address is confirmed',
    ]);
    expect(emails[1]?.body.text).toContain('Hi Flo,');
    expect(emails[1]?.body.text).toContain('Bookmark the app');
    expect(emails[1]?.body.text).toContain(`Open the app ${stack.apiUrl}`);
  });

  it('gives a German browser German pages and German emails', async () => {
    // Prepare
    const email = 'jana@example.de';
    const browser = {
      'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    };

    // Act: the form, the signup it posts, the link, the button
    const form = await (await fetch(`${stack.apiUrl}/`, { headers: browser })).text();
    const checkInbox = await fetch(`${stack.apiUrl}/signup`, {
      method: 'POST',
      headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, name: 'Jana', locale: 'de' }).toString(),
    });
    const verify = await waitForEmail(stack.inboxUrl, email);
    // The link opened in another browser: the page speaks the signup's language all the same.
    const opened = await openLink(findConfirmationLink(verify?.body.text ?? '') ?? '', {
      'accept-language': 'en',
    });
    const confirmed = await (await pressButton(opened.token, browser)).text();

    // Assess
    expect(form).toContain('<html lang="de">');
    expect(await checkInbox.text()).toContain('Öffnen Sie den Link darin innerhalb von 1 Stunde');
    expect(opened.page).toContain('<button type="submit">E-Mail-Adresse bestätigen</button>');
    expect(confirmed).toContain('<h1>E-Mail-Adresse bestätigt</h1>');
    const emails = await settledEmailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual([
      '[Signup Mailer] Bestätigen Sie Ihre E-Mail-Adresse',
      '[Signup Mailer] Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    ]);
    expect(emails[0]?.body.text).toContain('Hallo Jana,');
    expect(emails[0]?.body.text).toContain('Dieser Link ist 1 Stunde lang gültig.');
  });

  it('sends a confirmed address nothing more within its cooldown, answering as for a new one', async () => {
    // Prepare
    const email = 'again@example.com';
    await signUpAndConfirm(email);

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
