import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { render } from '@react-email/render';
import { createElement, type FunctionComponent } from 'react';
import AlreadyRegisteredEmail, {
  selectAlreadyRegisteredEmailSubject,
} from '../emails/already-registered.js';
import { formatDuration } from '../emails/format-duration.js';
import { type Locale, supportedLocales } from '../emails/locales.js';
import VerifyEmail, { selectVerifyEmailSubject } from '../emails/verify-email.js';
import WelcomeEmail, { selectWelcomeEmailSubject } from '../emails/welcome.js';
import {
  type EncodedSkeletonBody,
  type EncodedSkeletons,
  type Segment,
  type SkeletonBody,
  type SkeletonVariant,
  type SlotSpec,
  selectVariantKey,
  skeletonSlots,
  type TemplateSkeletons,
} from '../functions/send-email/skeleton-slots.js';
import { findTemplate } from '../functions/send-email/templates.js';

/** The generated module, relative to the repository root. */
export const emailSkeletonsModulePath = 'functions/send-email/email-skeletons.generated.ts';

/** The command that writes {@link emailSkeletonsModulePath}. */
export const emailSkeletonsCommand = 'npm run emails:build';

interface TemplateComponent {
  readonly component: FunctionComponent<never>;
  readonly subject: (props: { locale: Locale }) => string;
}

/** The React Email component and subject of each template the worker sends. */
export const templateComponents: ReadonlyMap<string, TemplateComponent> = new Map<
  string,
  TemplateComponent
>([
  ['verify-email', { component: VerifyEmail, subject: selectVerifyEmailSubject }],
  ['welcome', { component: WelcomeEmail, subject: selectWelcomeEmailSubject }],
  [
    'already-registered',
    { component: AlreadyRegisteredEmail, subject: selectAlreadyRegisteredEmailSubject },
  ],
]);

// Sentinels survive React's escaping and html-to-text unchanged (letters and digits; the
// link one a plain https URL) and carry a core no template text contains, so a sentinel
// that came out altered is detected. A duration's sentinel is a lifetime whose words no
// template contains.
const sentinelCore = 'zq9slot';
const textSentinel = (index: number) => `Zq9Slot${index}Xk`;
const urlSentinel = (index: number) => `https://skeleton.invalid/Zq9Slot${index}Xk`;
const sentinelMinutes = 99_999;

/**
 * Renders every template the worker sends, in every locale and for every combination of
 * set `text` slots, into skeletons: `render()` awaited for the HTML and with
 * `{ plainText: true }` for the text, with sentinels in the slots, split at the sentinels.
 *
 * @returns the skeletons and subjects per template name
 * @throws Error when a template has no component, its sentinel props fail its schema, or a
 *   sentinel comes out altered (the template does more than write the prop out)
 */
export async function renderEmailSkeletons(): Promise<Record<string, TemplateSkeletons>> {
  const result: Record<string, TemplateSkeletons> = {};
  for (const [templateName, spec] of skeletonSlots) {
    const template = templateComponents.get(templateName);
    if (template === undefined) throw new Error(`No component for template "${templateName}"`);
    const subjects = Object.fromEntries(
      supportedLocales.map((locale) => [locale, template.subject({ locale })]),
    ) as Record<Locale, string>;
    const variants: Record<string, SkeletonVariant> = {};
    for (const locale of supportedLocales) {
      for (const setTextSlots of listSubsets(textSlotsOf(spec))) {
        const key = selectVariantKey(locale, setTextSlots);
        variants[key] = await renderVariant(templateName, template, spec, locale, setTextSlots);
      }
    }
    result[templateName] = { subjects, variants };
  }
  return result;
}

async function renderVariant(
  templateName: string,
  template: TemplateComponent,
  spec: SlotSpec,
  locale: Locale,
  setTextSlots: readonly string[],
): Promise<SkeletonVariant> {
  const props: Record<string, unknown> = { locale };
  const markers = new Map<string, string>();
  Object.entries(spec).forEach(([slot, kind], index) => {
    if (kind === 'text' && !setTextSlots.includes(slot)) return;
    const value =
      kind === 'duration'
        ? sentinelMinutes
        : kind === 'url'
          ? urlSentinel(index)
          : textSentinel(index);
    props[slot] = value;
    markers.set(
      kind === 'duration' ? formatDuration(sentinelMinutes, locale) : String(value),
      slot,
    );
  });
  const parsed = findTemplate(templateName)?.parseProps(props);
  if (!parsed?.success) throw new Error(`The sentinel props do not fit "${templateName}"`);
  const component = template.component as FunctionComponent<object>;
  const element = createElement(component, parsed.props);
  const html = splitBody(await render(element), markers);
  const text = splitBody(await render(element, { plainText: true }), markers);
  if (html === undefined || text === undefined) {
    throw new Error(`A slot of "${templateName}" (${locale}) came out altered: not a slot`);
  }
  return { html, text };
}

/** Splits a rendered body at the markers; `undefined` if a marker shows up altered. */
function splitBody(body: string, markers: ReadonlyMap<string, string>): SkeletonBody | undefined {
  const alternatives = [...markers.keys()].map((marker) =>
    marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
  );
  const pieces =
    alternatives.length === 0 ? [body] : body.split(new RegExp(`(${alternatives.join('|')})`));
  const parts: string[] = [];
  const slots: string[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) parts.push(piece);
    else slots.push(markers.get(piece) ?? '');
  });
  const altered = parts.some(
    (part) =>
      part.toLowerCase().includes(sentinelCore) ||
      part.includes('skeleton.invalid') ||
      part.includes(String(sentinelMinutes)),
  );
  return altered ? undefined : { parts, slots };
}

function textSlotsOf(spec: SlotSpec): string[] {
  return Object.keys(spec).filter((slot) => spec[slot] === 'text');
}

/** Every subset of `items`, each in the order of `items`. */
function listSubsets(items: readonly string[]): string[][] {
  const subsets: string[][] = [[]];
  for (const item of items) {
    for (const subset of [...subsets]) subsets.push([...subset, item]);
  }
  return subsets;
}

// Cut after a tag, before a tag and after a line break: the pieces the skeletons share.
const segmentBoundary = /(?<=[>\n])|(?=<)/;
const maxRepeatedUnit = 16;
const minRepeatedLength = 64;

/**
 * Encodes the skeletons for the generated module: each part as indexes into one table of
 * segments (tags, lines, text between them), each segment written once, and a segment that
 * repeats a short unit (the preview's invisible padding) written as `[unit, times]`.
 *
 * @param skeletons - what {@link renderEmailSkeletons} returns
 * @returns the same skeletons; `decodeSkeletonBody` gives each body back
 */
export function encodeEmailSkeletons(
  skeletons: Readonly<Record<string, TemplateSkeletons>>,
): EncodedSkeletons {
  const segments: Segment[] = [];
  const indexes = new Map<string, number>();
  const encodeBody = (body: SkeletonBody): EncodedSkeletonBody => ({
    slots: body.slots,
    parts: body.parts.map((part) =>
      part
        .split(segmentBoundary)
        .filter((segment) => segment !== '')
        .map((segment) => {
          let index = indexes.get(segment);
          if (index === undefined) {
            index = segments.push(encodeRepeat(segment)) - 1;
            indexes.set(segment, index);
          }
          return index;
        }),
    ),
  });
  const templates = Object.fromEntries(
    Object.entries(skeletons).map(([name, { subjects, variants }]) => [
      name,
      {
        subjects,
        variants: Object.fromEntries(
          Object.entries(variants).map(([key, variant]) => [
            key,
            { html: encodeBody(variant.html), text: encodeBody(variant.text) },
          ]),
        ),
      },
    ]),
  );
  return { segments, templates };
}

function encodeRepeat(segment: string): Segment {
  if (segment.length < minRepeatedLength) return segment;
  for (let length = 1; length <= maxRepeatedUnit; length += 1) {
    const unit = segment.slice(0, length);
    const times = segment.length / length;
    if (Number.isInteger(times) && unit.repeat(times) === segment) return [unit, times];
  }
  return segment;
}

// The templates hold invisible characters (the preview's zero-width padding): escaped, the
// generated module shows them and survives any editor.
function escapeNonAscii(source: string): string {
  return source.replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Writes the skeletons as the generated TypeScript module, formatted as Biome formats it so
 * that `biome check` passes on the committed file.
 *
 * @param skeletons - what {@link renderEmailSkeletons} returns
 * @returns the module's source text
 */
export function formatEmailSkeletonsModule(skeletons: Record<string, TemplateSkeletons>): string {
  const source = `// Generated by \`${emailSkeletonsCommand}\` (scripts/build-email-skeletons.ts) from the
// templates in emails/. Do not edit: change a template, then run \`${emailSkeletonsCommand}\`.
import type { EncodedSkeletons } from './skeleton-slots.js';

/** Each template's skeletons and subjects, pre-rendered at build time. */
export const emailSkeletons: EncodedSkeletons = ${escapeNonAscii(JSON.stringify(encodeEmailSkeletons(skeletons)))};
`;
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  return execFileSync(
    process.execPath,
    [biome, 'format', `--stdin-file-path=${emailSkeletonsModulePath}`],
    { input: source, encoding: 'utf8' },
  );
}
