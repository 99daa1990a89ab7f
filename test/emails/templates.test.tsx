import { render, toPlainText } from '@react-email/render';
import fc from 'fast-check';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineEmailTemplate } from '../../emails/email-template.js';
import { supportedLocales } from '../../emails/locales.js';
import { localeProp } from '../../emails/props.js';
import { emailTemplates } from '../../emails/templates.js';
import { InvalidEmailJobError } from '../../functions/commons/errors.js';
import { renderEmail } from '../../functions/send-email/render-email.js';
import { makeEmailJob } from '../factories/sqs-email-job.js';

// Every template of the registry, with no line here per template: a new one is covered as
// soon as it is registered.
const templates = Object.entries(emailTemplates);

/** Renders a job for a template as the worker does. */
function renderJob(template: string, props: Record<string, unknown>) {
  return renderEmail(makeEmailJob({ template, props }));
}

const htmlEntities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/** The `href`s of an HTML part, entities decoded, as a reader's client would follow them. */
function listLinks(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map(([, href = '']) =>
    href.replace(/&(amp|quot|#x27|lt|gt);/g, (entity) => htmlEntities[entity] ?? entity),
  );
}

// Strings that stress escaping and text conversion: markup, entities, quotes, right-to-left
// and non-ASCII text, whitespace, controls, lone surrogates.
const awkwardText = fc
  .array(
    fc.oneof(
      fc.constantFrom('<b>', '&', '&amp;', '"', "'", 'שירה', 'مريم', 'Zoë', '山田', '  ', '\n'),
      fc.constantFrom('\u200b', '\u202e', '\u0000', '\ud83d', 'https://x.test'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 8 },
  )
  .map((pieces) => pieces.join(''));

/**
 * Props near a template's preview props: each value kept, or replaced by an arbitrary one of
 * its kind (links by arbitrary URLs, dates by arbitrary instants, lists by reordered,
 * shortened or foreign ones) or of another kind, or left out; any locale, none or one that
 * no template has.
 */
function propsNear(preview: object): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(preview)
      .filter(([key]) => key !== 'locale')
      .map(([key, value]) => [key, valueNear(value)]),
  );
  const locale = fc.oneof(
    { arbitrary: fc.constantFrom(undefined, ...supportedLocales), weight: 6 },
    { arbitrary: fc.constant('fr'), weight: 1 },
  );
  // A value of `undefined` leaves the key out, as JSON does.
  return fc
    .record({ ...fields, locale })
    .map((props) => JSON.parse(JSON.stringify(props)) as Record<string, unknown>);
}

function valueNear(value: unknown): fc.Arbitrary<unknown> {
  const kin = (() => {
    if (typeof value === 'number') return fc.integer({ min: -10, max: 100_000 });
    if (Array.isArray(value)) {
      const element = fc.oneof(
        { arbitrary: fc.constantFrom(...value), weight: 4 },
        { arbitrary: awkwardText, weight: 1 },
      );
      return fc.array(element, { maxLength: 4 });
    }
    if (typeof value !== 'string') return fc.constant(value);
    if (/^https?:/.test(value)) {
      return fc.webUrl({ withQueryParameters: true, withFragments: true });
    }
    if (!Number.isNaN(Date.parse(value))) {
      const instants = fc.date({
        min: new Date(0),
        max: new Date('2100-01-01'),
        noInvalidDate: true,
      });
      return instants.map((date) => date.toISOString());
    }
    return fc.oneof(awkwardText, fc.string({ maxLength: 120 }));
  })();
  return fc.oneof(
    { arbitrary: fc.constant(value), weight: 4 },
    { arbitrary: kin, weight: 8 },
    { arbitrary: fc.oneof(fc.integer(), awkwardText, fc.constant(null)), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

describe.each(templates)('the registered template %s', (name, template) => {
  const { PreviewProps } = template.component;

  it.each(supportedLocales)(
    'renders its preview props in %s: the subject of that locale, the document language, the same text a second render would give',
    async (locale) => {
      // Prepare
      const props = { ...PreviewProps, locale };
      const subject = template.subject[locale];

      // Act
      const email = await renderJob(name, props);

      // Assess
      const prepared = template.prepare(props);
      if (!prepared.success) throw new Error(`${name}: its preview props fail its schema`);
      expect(email.subject).toBe(typeof subject === 'string' ? subject : prepared.subject);
      expect(email.subject).not.toBe('');
      expect(email.html).toMatch(/^<!DOCTYPE html/);
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.text).toBe(await render(prepared.element, { plainText: true }));
    },
  );

  it('has a subject for every locale', () => {
    for (const locale of supportedLocales) {
      expect(['string', 'function']).toContain(typeof template.subject[locale]);
    }
  });

  it("puts every link of the HTML part in the text part, React Email's toPlainText of it, for arbitrary props; refuses what its schema refuses, and nothing else", async () => {
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(propsNear(PreviewProps), async (props) => {
        // Act
        const outcome = await renderJob(name, props).then(
          (email) => ({ email }),
          (error: unknown) => ({ error }),
        );

        // Assess
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(InvalidEmailJobError);
          expect(outcome.error).toMatchObject({ reason: 'invalid-props' });
          expect(template.prepare(props).success).toBe(false);
          return;
        }
        rendered += 1;
        const { html, text } = outcome.email;
        expect(html).toMatch(/^<!DOCTYPE html/);
        expect(text).toBe(toPlainText(html));
        for (const link of listLinks(html)) expect(text).toContain(link);
      }),
      { numRuns: 150 },
    );
    // Enough of the arbitrary props fit for the property to be about rendered emails.
    expect(rendered).toBeGreaterThan(20);
  }, 120_000);

  it.runIf('name' in PreviewProps)(
    'escapes a name with markup, an ampersand, quotes and right-to-left text in the HTML part, and keeps it as written in the text part',
    async () => {
      // Prepare
      const personName = `Zoë <b>&amp; "Al" O'Neil שירה`;

      // Act
      const email = await renderJob(name, { ...PreviewProps, name: personName });

      // Assess
      expect(email.html).toContain('Zoë &lt;b&gt;&amp;amp; &quot;Al&quot; O&#x27;Neil שירה');
      expect(email.html).not.toContain('<b>');
      expect(email.text).toContain(personName);
    },
  );
});

describe('a template definition', () => {
  const propsSchema = z.object({ code: z.string(), locale: localeProp });
  const CodeEmail = Object.assign(
    ({ code }: z.infer<typeof propsSchema>) => createElement('p', null, code),
    { PreviewProps: { code: '123456' } },
  );

  it('does not compile without a subject for every locale', () => {
    const template = defineEmailTemplate({
      component: CodeEmail,
      propsSchema,
      // @ts-expect-error: the subject has no German
      subject: { en: 'Your code' },
    });

    expect(template.subject).not.toHaveProperty('de');
  });

  it('writes a subject from the props when it is a function', () => {
    // Prepare
    const template = defineEmailTemplate({
      component: CodeEmail,
      propsSchema,
      subject: { en: ({ code }) => `Your code is ${code}`, de: ({ code }) => `Ihr Code: ${code}` },
    });

    // Act
    const prepared = template.prepare({ code: '123456' });

    // Assess
    expect(prepared).toMatchObject({ success: true, subject: 'Your code is 123456' });
  });
});
