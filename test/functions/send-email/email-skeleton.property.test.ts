import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../functions/send-email/render-email.js';
import { skeletonSlots } from '../../../functions/send-email/skeleton-slots.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { renderInFull } from './full-render.js';

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
      const arbitrary = propsArbitraries[templateName];
      if (arbitrary === undefined) throw new Error(templateName);

      await fc.assert(
        fc.asyncProperty(arbitrary, async (props) => {
          // Prepare
          const full = await renderInFull(templateName, props);
          fc.pre(full !== undefined);

          // Act
          const email = await renderEmail(makeEmailJob({ template: templateName, props }));

          // Assess
          expect(email.html).toBe(full?.html);
          expect(email.text).toBe(full?.text);
        }),
        { numRuns: 300 },
      );
    },
    120_000,
  );
});
