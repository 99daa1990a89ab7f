import { createElement, type FunctionComponent, type ReactElement } from 'react';
import { type EmailBodies, renderOnce } from './render-once.js';

/**
 * How a template uses a prop that can be filled into a pre-rendered skeleton: as text
 * (element content), or as an http(s) link (an `href` and, maybe, the link's text).
 */
export type SlotKind = 'text' | 'url';

/** A template's slot props: prop name → how the component uses it. */
export type SlotSpec = Readonly<Record<string, SlotKind>>;

/**
 * The templates whose props may be filled into a skeleton, and which props. A prop is a
 * slot only if the component does nothing with it but write it out (after `trim()` and a
 * truthiness test at most); `email-skeleton.property.test.ts` proves, for each template
 * here, that a filled skeleton equals a full render for arbitrary props. A template not
 * listed is always rendered in full.
 */
export const skeletonSlots: ReadonlyMap<string, SlotSpec> = new Map<string, SlotSpec>([
  ['verify-email', { name: 'text', confirmUrl: 'url' }],
  ['welcome', { name: 'text' }],
  ['already-registered', { name: 'text' }],
]);

/** Literal pieces around the slots: `parts[0] slot[0] parts[1] … parts[n]`. */
interface FilledBody {
  readonly parts: readonly string[];
  readonly slots: readonly string[];
}

interface Skeleton {
  readonly html: FilledBody;
  readonly text: FilledBody;
}

// Sentinels survive React's escaping and html-to-text unchanged (letters and digits; the
// link one a plain https URL), are truthy and trimmed like a plain value, and carry a core
// that no template text contains, so a sentinel that came out altered is detected.
const sentinelCore = 'zq9slot';
const textSentinel = (index: number) => `Zq9Slot${index}Xk`;
const urlSentinel = (index: number) => `https://skeleton.invalid/Zq9Slot${index}Xk`;
const sentinelPattern = /(https:\/\/skeleton\.invalid\/Zq9Slot\d+Xk|Zq9Slot\d+Xk)/;
const maxCachedSkeletons = 256;

// A value is filled in only when the full render would write it out unchanged but for
// escaping: no leading, trailing or repeated whitespace (the component may trim, and
// html-to-text collapses whitespace runs, U+200B included), no control characters, no lone
// surrogates (the encoder would replace them), and for a link an http(s) URL with no space.
const plainText = /^[^\s\p{Cc}\u200b\p{Cs}]+(?: [^\s\p{Cc}\u200b\p{Cs}]+)*$/u;
const plainUrl = /^https?:\/\/[^\s\p{Cc}\u200b\p{Cs}]+$/iu;

/** The skeletons built so far, per template and non-slot props; `undefined`: unsuitable. */
const skeletons = new Map<string, Promise<Skeleton | undefined>>();

/**
 * Renders an email's HTML and plain text, from a cached skeleton when the template allows:
 * the element is rendered once per template and combination of non-slot props (locale,
 * link lifetime, which slots are set), with sentinels in the slots; each email then only
 * fills its values in, HTML-escaped the way React escapes them in the HTML part, as they
 * are in the text part. Anything else (a template or a value that does not qualify, a
 * skeleton whose sentinels came out altered) is rendered in full by {@link renderOnce}.
 *
 * Why: rendering is nearly all of the worker's CPU time per email, and the emails of one
 * template differ only in a name and a link.
 *
 * @param templateName - the job's template, e.g. `verify-email`
 * @param element - the element of that template, with validated props
 * @returns both bodies, equal to `render(element)` and `render(element, { plainText: true })`
 * @throws whatever the component throws while rendering
 */
export async function renderEmailBodies(
  templateName: string,
  element: ReactElement,
): Promise<EmailBodies> {
  const spec = skeletonSlots.get(templateName);
  const props = element.props as Record<string, unknown>;
  const values = spec === undefined ? undefined : readSlotValues(spec, props);
  if (spec === undefined || values === undefined) return renderOnce(element);
  const key = `${templateName}\u0000${JSON.stringify({ ...props, ...mapValues(values, () => true) })}`;
  let skeleton = skeletons.get(key);
  if (skeleton === undefined) {
    skeleton = buildSkeleton(element, spec, values);
    skeletons.set(key, skeleton);
    skeleton.catch(() => skeletons.delete(key));
    if (skeletons.size > maxCachedSkeletons) {
      skeletons.delete(skeletons.keys().next().value ?? key);
    }
  }
  const built = await skeleton;
  if (built === undefined) return renderOnce(element);
  return {
    html: fillBody(built.html, (slot) => escapeHtml(values[slot] ?? '')),
    text: fillBody(built.text, (slot) => values[slot] ?? ''),
  };
}

/** The slot values to fill in, or `undefined` when one is set but does not qualify. */
function readSlotValues(
  spec: SlotSpec,
  props: Readonly<Record<string, unknown>>,
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [slot, kind] of Object.entries(spec)) {
    const value = props[slot];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !(kind === 'url' ? plainUrl : plainText).test(value)) {
      return undefined;
    }
    values[slot] = value;
  }
  return values;
}

async function buildSkeleton(
  element: ReactElement,
  spec: SlotSpec,
  values: Readonly<Record<string, string>>,
): Promise<Skeleton | undefined> {
  const sentinels = new Map<string, string>();
  const sentinelProps: Record<string, string> = {};
  Object.keys(values).forEach((slot, index) => {
    const sentinel = spec[slot] === 'url' ? urlSentinel(index) : textSentinel(index);
    sentinels.set(sentinel, slot);
    sentinelProps[slot] = sentinel;
  });
  const component = element.type as FunctionComponent<Record<string, unknown>>;
  const bodies = await renderOnce(
    createElement(component, { ...(element.props as object), ...sentinelProps }),
  );
  const html = splitBody(bodies.html, sentinels);
  const text = splitBody(bodies.text, sentinels);
  return html === undefined || text === undefined ? undefined : { html, text };
}

/** Splits a rendered body at the sentinels; `undefined` if a sentinel shows up altered. */
function splitBody(body: string, sentinels: ReadonlyMap<string, string>): FilledBody | undefined {
  const pieces = body.split(sentinelPattern);
  const parts: string[] = [];
  const slots: string[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) parts.push(piece);
    else slots.push(sentinels.get(piece) ?? '');
  });
  const altered =
    slots.includes('') ||
    parts.some(
      (part) => part.toLowerCase().includes(sentinelCore) || part.includes('skeleton.invalid'),
    );
  return altered ? undefined : { parts, slots };
}

function fillBody(body: FilledBody, fillSlot: (slot: string) => string): string {
  let result = body.parts[0] ?? '';
  for (let index = 0; index < body.slots.length; index += 1) {
    result += fillSlot(body.slots[index] ?? '') + (body.parts[index + 1] ?? '');
  }
  return result;
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

function mapValues<T>(record: Readonly<Record<string, string>>, map: (value: string) => T) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
