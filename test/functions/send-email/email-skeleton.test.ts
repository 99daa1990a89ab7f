import { render as renderWithComponents } from '@react-email/components';
import { createElement, type FunctionComponent } from 'react';
import { describe, expect, it } from 'vitest';
import { fillEmailSkeleton } from '../../../functions/send-email/email-skeleton.js';
import { renderEmail } from '../../../functions/send-email/render-email.js';
import { templateComponents } from '../../../scripts/email-skeletons.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { renderInFull } from './full-render.js';

const confirmUrl = 'https://signup.example.test/confirm?token=eyJlIjoiYSJ9.c2ln';

/** Renders a job's email from the skeletons, as the worker does. */
function renderJob(template: string, props: Record<string, unknown>) {
  return renderEmail(makeEmailJob({ template, props }));
}

describe('an email filled into its pre-rendered skeleton', () => {
  it('holds a name and link that need escaping as a full render writes them', async () => {
    // Prepare
    const props = {
      name: `Zoë "Z" O'Brien & <Co>`,
      confirmUrl: `${confirmUrl}&a=<b>'"`,
      expiresInMinutes: 90,
      locale: 'de',
    };

    // Act
    const email = await renderJob('verify-email', props);

    // Assess
    expect(email).toMatchObject((await renderInFull('verify-email', props)) ?? {});
    expect(email.html).toContain('Hallo Zoë &quot;Z&quot; O&#x27;Brien &amp; &lt;Co&gt;,');
    expect(email.text).toContain(`Hallo Zoë "Z" O'Brien & <Co>,`);
    expect(email.text).toContain('1 Stunde und 30 Minuten');
  });

  it.each([
    ['a name with a double space', 'Ann  Lee'],
    ['a name with a line break', 'Ann\nLee'],
    ['a name that starts with a zero-width space', '\u200bAnn'],
    ['a blank name', '   '],
  ])('writes %s as a full render does', async (_case, name) => {
    // Prepare
    const props = { name, confirmUrl, expiresInMinutes: 61 };

    // Act
    const email = await renderJob('verify-email', props);

    // Assess
    expect(email).toMatchObject((await renderInFull('verify-email', props)) ?? {});
  });

  it('greets neutrally when the name is blank, in the email locale', async () => {
    // Act
    const email = await renderJob('welcome', { name: ' ', locale: 'de' });

    // Assess
    expect(email.subject).toBe('Willkommen! Ihre E-Mail-Adresse ist bestätigt');
    expect(email.text).toContain('Guten Tag,');
  });

  it('refuses a link with a space, which the plain text could not show as written', async () => {
    // Act
    const rendering = renderJob('verify-email', {
      confirmUrl: `${confirmUrl} x`,
      expiresInMinutes: 60,
    });

    // Assess
    await expect(rendering).rejects.toMatchObject({ reason: 'invalid-props' });
  });

  it('says to run the generator when a template has no skeleton', () => {
    // Act
    const filling = () => fillEmailSkeleton('some-new-template', {});

    // Assess
    expect(filling).toThrow('run npm run emails:build');
  });
});

describe('the skeletons, rendered with @react-email/render', () => {
  it.each([...templateComponents.keys()])(
    'give %s the same bodies as the render of @react-email/components the templates preview with',
    async (templateName) => {
      // Prepare
      const props = { name: 'Ann', confirmUrl, expiresInMinutes: 60 };
      const template = templateComponents.get(templateName);
      const component = template?.component as FunctionComponent<object>;
      const element = createElement(component, props);

      // Act
      const email = await renderJob(templateName, props);

      // Assess
      expect(email.html).toBe(await renderWithComponents(element));
      expect(email.text).toBe(await renderWithComponents(element, { plainText: true }));
    },
  );
});
