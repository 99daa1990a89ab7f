import { describe, expect, it } from 'vitest';
import { emailTemplates } from '../../../emails/templates.js';
import { renderEmail } from '../../../functions/send-email/render-email.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';

describe('the worker templates of the account flow', () => {
  it.each([
    { template: 'welcome', locale: 'en', subject: 'Welcome! Your email address is confirmed' },
    {
      template: 'welcome',
      locale: 'de',
      subject: 'Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    },
    { template: 'already-registered', locale: 'en', subject: 'You already have an account' },
    { template: 'already-registered', locale: 'de', subject: 'Sie haben bereits ein Konto' },
    { template: 'verify-email', locale: 'de', subject: 'Bestätigen Sie Ihre E-Mail-Adresse' },
  ])(
    'render $template in $locale with the subject "$subject"',
    async ({ template, locale, subject }) => {
      // Prepare
      const { PreviewProps } = emailTemplates[template as keyof typeof emailTemplates].component;
      const job = makeEmailJob({ template, props: { ...PreviewProps, name: 'Ann', locale } });

      // Act
      const email = await renderEmail(job);

      // Assess
      expect(email.subject).toBe(subject);
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.text).toMatch(locale === 'de' ? /Hallo Ann,/ : /Hi Ann,/);
    },
  );

  it('renders a verify-email job queued before jobs had a locale in English', async () => {
    // Act
    const email = await renderEmail(makeEmailJob());

    // Assess
    expect(email.subject).toBe('Confirm your email address');
    expect(email.html).toContain('lang="en"');
  });

  it('refuses a job whose locale no template has', async () => {
    // Prepare
    const props = { ...emailTemplates.welcome.component.PreviewProps, locale: 'fr' };
    const job = makeEmailJob({ template: 'welcome', props });

    // Act
    const rendering = renderEmail(job);

    // Assess
    await expect(rendering).rejects.toMatchObject({
      name: 'InvalidEmailJobError',
      reason: 'invalid-props',
    });
  });
});
