import { render } from '@react-email/components';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import AlreadyRegisteredEmail, { alreadyRegisteredEmail } from '../../emails/already-registered.js';
import VerifyEmail, { verifyEmail } from '../../emails/verify-email.js';
import WelcomeEmail, { welcomeEmail } from '../../emails/welcome.js';

const confirmUrl = 'https://signup.example.com/confirm?token=abc.def';

async function renderBoth(element: ReactElement) {
  return { html: await render(element), text: await render(element, { plainText: true }) };
}

describe('VerifyEmail in German', () => {
  it('greets, explains and gives the expiry in German, with a German document language', async () => {
    // Act
    const { html, text } = await renderBoth(
      <VerifyEmail name="Jörg" confirmUrl={confirmUrl} expiresInMinutes={90} locale="de" />,
    );

    // Assess
    expect(html).toContain('<html dir="ltr" lang="de">');
    expect(text).toContain('Hallo Jörg,');
    expect(text).toContain('E-Mail-Adresse bestätigen');
    expect(text).toContain('Dieser Link ist 1 Stunde und 30 Minuten lang gültig.');
    expect(text).toContain(confirmUrl);
    expect(text).not.toContain('Confirm');
  });

  it('has a German subject, and keeps English for a job with no locale', () => {
    // Prepare
    const props = { confirmUrl, expiresInMinutes: 60 };

    // Act
    const subjects = [
      verifyEmail.prepare({ ...props, locale: 'de' }),
      verifyEmail.prepare(props),
    ].map((prepared) => (prepared.success ? prepared.subject : undefined));

    // Assess
    expect(subjects).toEqual(['Bestätigen Sie Ihre E-Mail-Adresse', 'Confirm your email address']);
  });

  it('refuses a locale it has no texts for', () => {
    // Act
    const result = verifyEmail.propsSchema.safeParse({
      confirmUrl,
      expiresInMinutes: 60,
      locale: 'fr',
    });

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('WelcomeEmail', () => {
  const appUrl = 'https://signup.example.com';

  it('welcomes the person by name and says the account is active', async () => {
    // Act
    const { html, text } = await renderBoth(
      <WelcomeEmail name="Ann" appUrl={appUrl} nextSteps={['add-sender']} />,
    );

    // Assess
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(text).toContain('Hi Ann,');
    expect(text).toContain('your account is active');
    expect(welcomeEmail.subject.en).toBe('Welcome! Your email address is confirmed');
  });

  it('lists the next steps in the order given, and links back to the app', async () => {
    // Act
    const { html, text } = await renderBoth(
      <WelcomeEmail appUrl={appUrl} nextSteps={['add-sender', 'bookmark-app']} />,
    );

    // Assess
    expect(html.match(/<li /g)).toHaveLength(2);
    expect(text.indexOf('Add our address')).toBeLessThan(text.indexOf('Bookmark the app'));
    expect(html).toContain(`href="${appUrl}"`);
    expect(text).toContain(`Open the app ${appUrl}`);
  });

  it('is written in German for locale de, subject included', async () => {
    // Act
    const { text } = await renderBoth(
      <WelcomeEmail locale="de" appUrl={appUrl} nextSteps={['bookmark-app', 'add-sender']} />,
    );

    // Assess
    expect(text).toContain('Guten Tag,');
    expect(text).toContain('Ihr Konto ist aktiv');
    expect(text).toContain('Setzen Sie ein Lesezeichen');
    expect(welcomeEmail.subject.de).toBe('Willkommen! Ihre E-Mail-Adresse ist bestätigt');
  });

  it('escapes a name that holds markup', async () => {
    // Act
    const { html } = await renderBoth(
      <WelcomeEmail name="<img src=x>" appUrl={appUrl} nextSteps={['add-sender']} />,
    );

    // Assess
    expect(html).toContain('Hi &lt;img src=x&gt;,');
    expect(html).not.toContain('<img src=x>');
  });

  it.each([
    { description: 'a name over 100 characters', props: { name: 'a'.repeat(101) } },
    { description: 'no next step', props: { nextSteps: [] } },
    { description: 'a step twice', props: { nextSteps: ['add-sender', 'add-sender'] } },
    { description: 'a step it has no words for', props: { nextSteps: ['buy-now'] } },
    { description: 'an app link that is not http(s)', props: { appUrl: 'javascript:alert(1)' } },
  ])('refuses $description', ({ props }) => {
    // Act
    const result = welcomeEmail.propsSchema.safeParse({ ...WelcomeEmail.PreviewProps, ...props });

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('AlreadyRegisteredEmail', () => {
  it('tells the owner the address already has an account and nothing changed', async () => {
    // Act
    const { text } = await renderBoth(<AlreadyRegisteredEmail name="Ann" />);

    // Assess
    expect(text).toContain('Hi Ann,');
    expect(text).toContain('already belongs to a confirmed account');
    expect(text).toContain('nothing about your account has changed');
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('is written in German for locale de, subject included', async () => {
    // Act
    const { text } = await renderBoth(<AlreadyRegisteredEmail locale="de" />);

    // Assess
    expect(text).toContain('bereits zu einem bestätigten Konto');
    expect(alreadyRegisteredEmail.subject.de).toBe('Sie haben bereits ein Konto');
  });

  it.each([
    { locale: 'en', sentence: 'This address was confirmed on March 5, 2026.' },
    { locale: 'de', sentence: 'Diese Adresse wurde am 5. März 2026 bestätigt.' },
  ] as const)(
    'says when the address was confirmed, as a date in $locale',
    async ({ locale, sentence }) => {
      // Act
      const { text } = await renderBoth(
        <AlreadyRegisteredEmail confirmedAt="2026-03-05T23:30:00.000Z" locale={locale} />,
      );

      // Assess
      expect(text).toContain(sentence);
    },
  );

  it.each([
    {
      locale: 'en',
      sentence: 'To use your account, open the app and sign in.',
      label: 'Open the app',
    },
    {
      locale: 'de',
      sentence: 'Um Ihr Konto zu nutzen, öffnen Sie die App und melden Sie sich an.',
      label: 'Zur App',
    },
  ] as const)(
    'offers a way forward, a button to the app, in $locale',
    async ({ locale, sentence, label }) => {
      // Prepare
      const appUrl = 'https://app.acme.example/home';

      // Act
      const { html, text } = await renderBoth(
        <AlreadyRegisteredEmail name="Ann" appUrl={appUrl} locale={locale} />,
      );

      // Assess
      expect(text).toContain(sentence);
      expect(text).toContain(appUrl);
      expect(html).toMatch(new RegExp(`<a[^>]+href="${appUrl}"[^>]*>[^]*${label}`));
    },
  );

  it('refuses an app link that is not http(s)', () => {
    // Act
    const result = alreadyRegisteredEmail.propsSchema.safeParse({ appUrl: 'javascript:alert(1)' });

    // Assess
    expect(result.success).toBe(false);
  });

  it('leaves the date out when the account has none', async () => {
    // Act
    const { text } = await renderBoth(<AlreadyRegisteredEmail name="Ann" />);

    // Assess
    expect(text).not.toContain('confirmed on');
  });

  it('refuses a confirmation time that is not an ISO 8601 date-time', () => {
    // Act
    const result = alreadyRegisteredEmail.propsSchema.safeParse({ confirmedAt: 'yesterday' });

    // Assess
    expect(result.success).toBe(false);
  });
});
