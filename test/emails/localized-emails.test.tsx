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
  it('welcomes the person by name and says the account is active', async () => {
    // Act
    const { html, text } = await renderBoth(<WelcomeEmail name="Ann" />);

    // Assess
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(text).toContain('Hi Ann,');
    expect(text).toContain('your account is active');
    expect(welcomeEmail.subject.en).toBe('Welcome! Your email address is confirmed');
  });

  it('is written in German for locale de, subject included', async () => {
    // Act
    const { text } = await renderBoth(<WelcomeEmail locale="de" />);

    // Assess
    expect(text).toContain('Guten Tag,');
    expect(text).toContain('Ihr Konto ist aktiv');
    expect(welcomeEmail.subject.de).toBe('Willkommen! Ihre E-Mail-Adresse ist bestätigt');
  });

  it('escapes a name that holds markup', async () => {
    // Act
    const { html } = await renderBoth(<WelcomeEmail name="<img src=x>" />);

    // Assess
    expect(html).toContain('Hi &lt;img src=x&gt;,');
    expect(html).not.toContain('<img src=x>');
  });

  it('accepts its preview props and refuses a name over 100 characters', () => {
    // Act
    const preview = welcomeEmail.propsSchema.safeParse(WelcomeEmail.PreviewProps);
    const long = welcomeEmail.propsSchema.safeParse({ name: 'a'.repeat(101) });

    // Assess
    expect([preview.success, long.success]).toEqual([true, false]);
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

  it('accepts its preview props', () => {
    // Act
    const result = alreadyRegisteredEmail.propsSchema.safeParse(
      AlreadyRegisteredEmail.PreviewProps,
    );

    // Assess
    expect(result.success).toBe(true);
  });
});
