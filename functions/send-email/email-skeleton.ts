import { formatDuration } from '../../emails/format-duration.js';
import { defaultLocale, type Locale } from '../../emails/locales.js';
import { emailSkeletons } from './email-skeletons.generated.js';
import {
  decodeSkeletonBody,
  type SkeletonBody,
  type SlotSpec,
  selectVariantKey,
  skeletonSlots,
  type TemplateSkeletons,
} from './skeleton-slots.js';

/** An email ready to send: subject (without prefix) and both bodies. */
export interface RenderedEmail {
  /** Subject from the template, without the deployment's prefix. */
  readonly subject: string;
  /** The HTML document, as `render(element)` gives it. */
  readonly html: string;
  /** The plain text, as `render(element, { plainText: true })` gives it. */
  readonly text: string;
}

// A Map, not the generated object: a job's `template` is untrusted, and a name such as
// `constructor` or `__proto__` must not resolve to something on Object.prototype. Decoded
// once, at cold start: a few hundred string joins.
const skeletons: ReadonlyMap<string, TemplateSkeletons> = new Map(
  Object.entries(emailSkeletons.templates).map(([name, { subjects, variants }]) => [
    name,
    {
      subjects,
      variants: Object.fromEntries(
        Object.entries(variants).map(([key, { html, text }]) => [
          key,
          {
            html: decodeSkeletonBody(html, emailSkeletons.segments),
            text: decodeSkeletonBody(text, emailSkeletons.segments),
          },
        ]),
      ),
    },
  ]),
);

/**
 * Writes an email from its template's skeleton, pre-rendered at build time by
 * `npm run emails:build` (`scripts/build-email-skeletons.ts`): picks the variant for the
 * locale and the set `text` slots and fills each slot with the value the template would
 * write, HTML-escaped as React escapes it in the HTML part, and converted as html-to-text
 * converts it (whitespace runs collapsed) in the text part.
 *
 * Why: the worker then holds no React, react-dom, React Email or html-to-text: a smaller
 * bundle, a faster cold start and microseconds per email. `email-skeleton.property.test.ts`
 * holds the result equal to `render()` of the template for arbitrary props.
 *
 * @param templateName - the job's template, e.g. `verify-email`
 * @param props - props that passed that template's schema
 * @returns subject, HTML and text
 * @throws Error when the generated module has no skeleton for the template or variant: a
 *   build that skipped `npm run emails:build` (the tests catch it first)
 */
export function fillEmailSkeleton(
  templateName: string,
  props: Readonly<Record<string, unknown>>,
): RenderedEmail {
  const spec = skeletonSlots.get(templateName);
  const template = skeletons.get(templateName);
  if (spec === undefined || template === undefined) {
    throw new Error(`No skeleton for template "${templateName}": run npm run emails:build`);
  }
  const locale = (props.locale as Locale | undefined) ?? defaultLocale;
  const values = readSlotValues(spec, props, locale);
  const setTextSlots = Object.keys(spec).filter((slot) => spec[slot] === 'text' && slot in values);
  const variant = template.variants[selectVariantKey(locale, setTextSlots)];
  if (variant === undefined)
    throw new Error(`No skeleton variant for "${templateName}": run npm run emails:build`);
  return {
    subject: template.subjects[locale],
    html: fillBody(variant.html, (slot) => escapeHtml(values[slot] ?? '')),
    text: fillText(variant.text, values),
  };
}

/** The string the template writes for each slot; a blank `text` slot is left out. */
function readSlotValues(
  spec: SlotSpec,
  props: Readonly<Record<string, unknown>>,
  locale: Locale,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [slot, kind] of Object.entries(spec)) {
    const value = props[slot];
    if (kind === 'duration' && typeof value === 'number') {
      values[slot] = formatDuration(value, locale);
    } else if (kind === 'text' && typeof value === 'string' && value.trim() !== '') {
      values[slot] = toWellFormed(value.trim());
    } else if (kind === 'url' && typeof value === 'string') {
      values[slot] = toWellFormed(value);
    }
  }
  return values;
}

function fillBody(body: SkeletonBody, fillSlot: (slot: string) => string): string {
  let result = body.parts[0] ?? '';
  for (let index = 0; index < body.slots.length; index += 1) {
    result += fillSlot(body.slots[index] ?? '') + (body.parts[index + 1] ?? '');
  }
  return result;
}

// html-to-text's default `whitespaceCharacters`: a run of them is one space between words,
// and nothing at the start or end of a line.
const whitespaceRun = /[ \t\n\r\f\u200b]+/g;

/**
 * Fills the text skeleton as html-to-text converts the slot's text in place: whitespace
 * runs become one space, which merges with a space before it. (The templates trim their
 * slots, so a slot starts with such a run only if it starts with U+200B, which `trim()`
 * keeps; no slot is followed by whitespace, which the property test would catch.)
 */
function fillText(body: SkeletonBody, values: Readonly<Record<string, string>>): string {
  let result = body.parts[0] ?? '';
  for (let index = 0; index < body.slots.length; index += 1) {
    let value = (values[body.slots[index] ?? ''] ?? '').replace(whitespaceRun, ' ');
    if (value.startsWith(' ') && /[ \n]$/.test(result)) value = value.slice(1);
    result += value + (body.parts[index + 1] ?? '');
  }
  return result;
}

/**
 * Replaces lone surrogates with U+FFFD, as the UTF-8 encoding of React's stream does.
 * With the `u` flag, `\p{Cs}` matches only surrogates that are not half of a pair.
 */
function toWellFormed(value: string): string {
  return value.replace(/\p{Cs}/gu, '\ufffd');
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#x27;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text as React DOM's server renderer does, in text and attribute values alike. */
function escapeHtml(value: string): string {
  return value.replace(/["&'<>]/g, (character) => htmlEscapes[character] ?? character);
}
