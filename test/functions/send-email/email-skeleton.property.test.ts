import { render } from '@react-email/render';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmailBodies, skeletonSlots } from '../../../functions/send-email/email-skeleton.js';
import { findTemplate } from '../../../functions/send-email/templates.js';

// Strings that stress what a skeleton must reproduce: markup and entities (escaping),
// whitespace a component trims or html-to-text collapses, non-ASCII, controls, surrogates.
const awkwardPieces = [
  '&',
  '&amp;',
  '<b>',
  '</p>',
  '"',
  "'",
  '  ',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u0000',
  '\u007f',
  '\ud83d',
  '\ud83d\ude00',
  'Zoë',
  '山田',
  'é',
  '\u202e',
  'http://x.test',
];
const awkwardText = fc
  .array(fc.oneof(fc.constantFrom(...awkwardPieces), fc.string({ maxLength: 8 })), {
    maxLength: 8,
  })
  .map((pieces) => pieces.join(''));
const nameArbitrary = fc.option(
  fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    awkwardText,
    fc
      .array(fc.stringMatching(/^[A-Za-z'&<>"-]{1,12}$/), { minLength: 1, maxLength: 4 })
      .map((words) => words.join(' ')),
  ),
  { nil: undefined },
);
const urlArbitrary = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.constantFrom('https://signup.example.test', 'http://Example.COM:8080'), awkwardText)
    .map(([base, token]) => `${base}/confirm?token=${token}`),
);
const localeArbitrary = fc.constantFrom(undefined, 'en', 'de');
const lifetimeArbitrary = fc.oneof(
  fc.constantFrom(60, 90, 1440),
  fc.integer({ min: 1, max: 100_000 }),
);

/** Props for each template with slots, valid or not (invalid ones are skipped). */
const propsArbitraries: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = {
  'verify-email': fc.record(
    {
      name: nameArbitrary,
      confirmUrl: urlArbitrary,
      expiresInMinutes: lifetimeArbitrary,
      locale: localeArbitrary,
    },
    { requiredKeys: ['confirmUrl', 'expiresInMinutes'] },
  ),
  welcome: fc.record({ name: nameArbitrary, locale: localeArbitrary }, { requiredKeys: [] }),
  'already-registered': fc.record(
    { name: nameArbitrary, locale: localeArbitrary },
    { requiredKeys: [] },
  ),
};

describe('an email rendered from its template skeleton', () => {
  it('has a property test for every template with slots', () => {
    // Assess
    expect(Object.keys(propsArbitraries).sort()).toEqual([...skeletonSlots.keys()].sort());
  });

  it.each([...skeletonSlots.keys()])(
    'equals a full render of %s, HTML and text, for arbitrary props',
    async (templateName) => {
      const template = findTemplate(templateName);
      const arbitrary = propsArbitraries[templateName];
      if (template === undefined || arbitrary === undefined) throw new Error(templateName);

      await fc.assert(
        fc.asyncProperty(arbitrary, async (props) => {
          // Prepare
          const prepared = template.prepare(props);
          fc.pre(prepared.success);
          if (!prepared.success) return;
          const { element } = prepared.email;

          // Act
          const bodies = await renderEmailBodies(templateName, element);

          // Assess
          expect(bodies.html).toBe(await render(element));
          expect(bodies.text).toBe(await render(element, { plainText: true }));
        }),
        { numRuns: 150 },
      );
    },
    120_000,
  );
});
