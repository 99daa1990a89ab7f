import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.js';

// A person's whole signup in a real browser (Debian's chromium, driven by playwright-core)
// against the local stack: the form at GET /, the email in the SES emulator's web inbox,
// the confirmation link and its page's button, the welcome email.
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `Skipping the browser test: ${chromiumPath} is not installed (apt-get install chromium).`,
  );
}
/** Where the screenshots go, for people to look at. */
const screenshotDir = process.env.SCREENSHOT_DIR ?? '/tmp';
const silentLogger = { info: () => {}, error: () => {} };
const previousLogLevel = process.env.POWERTOOLS_LOG_LEVEL;
let stack: LocalStack;
let browser: Browser;

describe.skipIf(!hasChromium)('signing up in a browser', () => {
  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    stack = await startLocalStack({
      apiPort: 0,
      sesPort: 0,
      sqsPort: 0,
      waitTimeSeconds: 1,
      logger: silentLogger,
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (previousLogLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = previousLogLevel;
  });

  /** Opens the inbox's HTML view of the email with this subject and returns its frame. */
  async function openInboxEmail(page: Page, subject: string) {
    await page.goto(stack.inboxUrl);
    const email = page.locator('.email', { hasText: `Subject: [Signup Mailer] ${subject}` });
    await email.getByRole('button', { name: 'Toggle HTML view' }).click({ timeout: 15_000 });
    const frame = email.frameLocator('iframe');
    await frame.getByRole('heading').first().waitFor();
    return { email, frame };
  }

  it('takes a person from the form through the emailed link to the welcome email', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();

    // Act: fill in and send the form
    await page.goto(`${stack.apiUrl}/`);
    await page.screenshot({ path: `${screenshotDir}/issue6-signup-form.png` });
    await page.getByLabel('Email address').fill('browser.person@example.com');
    await page.getByLabel('Name').fill('Bea');
    await page.getByRole('button', { name: 'Sign up' }).click();

    // Assess
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox');
    expect(await page.locator('main').textContent()).toContain('browser.person@example.com');
    await page.screenshot({ path: `${screenshotDir}/issue6-check-inbox.png` });

    // Act: open the email in the inbox and click its button
    const verify = await openInboxEmail(page, 'Confirm your email address');
    await verify.email.screenshot({ path: `${screenshotDir}/issue6-verify-email.png` });
    const [confirmPage] = await Promise.all([
      context.waitForEvent('page'),
      verify.frame.getByRole('link', { name: 'Confirm my email address' }).click(),
    ]);

    // Assess: the link only shows the page with the button
    await confirmPage.waitForLoadState();
    expect(await confirmPage.locator('h1').textContent()).toBe('Confirm your email address');
    await confirmPage.screenshot({ path: `${screenshotDir}/issue15-confirm-page.png` });

    // Act: press the button
    await confirmPage.getByRole('button', { name: 'Confirm my email address' }).click();

    // Assess
    await expect
      .poll(() => confirmPage.locator('h1').textContent())
      .toBe('Email address confirmed');
    expect(new URL(confirmPage.url()).search).toBe('');
    expect(await confirmPage.locator('main').textContent()).toContain(
      'browser.person@example.com is confirmed',
    );
    await confirmPage.screenshot({ path: `${screenshotDir}/issue6-confirmed.png` });

    // Act: look for the welcome email
    const welcome = await openInboxEmail(page, 'Welcome! Your email address is confirmed');

    // Assess
    expect(await welcome.frame.locator('body').textContent()).toContain('Hi Bea,');
    await welcome.email.screenshot({ path: `${screenshotDir}/issue6-welcome-email.png` });
    await context.close();
  }, 90_000);
});
