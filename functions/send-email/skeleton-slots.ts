import type { Locale } from '../../emails/locales.js';

/**
 * How a template writes a prop that is filled into its pre-rendered skeleton:
 * - `text`: an optional string, written after `trim()` as element content; blank or
 *   omitted, the template writes something else (another variant of the skeleton);
 * - `url`: a required http(s) link, written as it is in an `href` and as link text;
 * - `duration`: a positive whole number of minutes, written as `formatDuration(value, locale)`.
 */
export type SlotKind = 'text' | 'url' | 'duration';

/** A template's slot props: prop name → how the component writes it. */
export type SlotSpec = Readonly<Record<string, SlotKind>>;

/**
 * Every template the worker sends, and which of its props are slots. Each prop of a
 * template must be a slot or `locale`: the skeletons are rendered at build time for every
 * locale and every combination of set `text` slots, so anything else could not be sent.
 * `email-skeleton.property.test.ts` proves, for each template, that a filled skeleton equals
 * a full `render()` for arbitrary props.
 */
export const skeletonSlots: ReadonlyMap<string, SlotSpec> = new Map<string, SlotSpec>([
  ['verify-email', { name: 'text', confirmUrl: 'url', expiresInMinutes: 'duration' }],
  ['welcome', { name: 'text' }],
  ['already-registered', { name: 'text' }],
]);

/** Literal pieces around the slots: `parts[0] slot[0] parts[1] … parts[n]`. */
export interface SkeletonBody {
  readonly parts: readonly string[];
  /** The prop written at each gap, by name. */
  readonly slots: readonly string[];
}

/** A {@link SkeletonBody} as generated: each part as indexes into {@link EncodedSkeletons.segments}. */
export interface EncodedSkeletonBody {
  readonly parts: readonly (readonly number[])[];
  readonly slots: readonly string[];
}

/** One pre-rendered variant of a template: its HTML and its plain text. */
export interface SkeletonVariant<Body = SkeletonBody> {
  readonly html: Body;
  readonly text: Body;
}

/** A template's pre-rendered skeletons and its subject, per locale. */
export interface TemplateSkeletons<Body = SkeletonBody> {
  /** The subject, without the deployment's prefix. */
  readonly subjects: Readonly<Record<Locale, string>>;
  /** The variants, keyed by {@link selectVariantKey}. */
  readonly variants: Readonly<Record<string, SkeletonVariant<Body>>>;
}

/** A piece of markup shared by the skeletons: a string, or `[unit, times]` for a repeated unit. */
export type Segment = string | readonly [unit: string, times: number];

/**
 * The generated skeletons, with each tag, line or repeated run written once: the templates
 * share their document head, styles and preview padding, so the worker's bundle would
 * otherwise hold them a dozen times.
 */
export interface EncodedSkeletons {
  readonly segments: readonly Segment[];
  readonly templates: Readonly<Record<string, TemplateSkeletons<EncodedSkeletonBody>>>;
}

/**
 * Joins an encoded body's segments back into its parts.
 *
 * @param body - a body of the generated module
 * @param segments - the module's segments
 */
export function decodeSkeletonBody(
  body: EncodedSkeletonBody,
  segments: readonly Segment[],
): SkeletonBody {
  const decodeSegment = (index: number) => {
    const segment = segments[index] ?? '';
    return typeof segment === 'string' ? segment : segment[0].repeat(segment[1]);
  };
  return { parts: body.parts.map((part) => part.map(decodeSegment).join('')), slots: body.slots };
}

/**
 * Names the variant of a template for a locale and the `text` slots that are set (not
 * blank after `trim()`), e.g. `de` or `en+name`.
 *
 * @param locale - the email's locale
 * @param setTextSlots - the set `text` slots, in the order of the template's {@link SlotSpec}
 */
export function selectVariantKey(locale: Locale, setTextSlots: readonly string[]): string {
  return [locale, ...setTextSlots].join('+');
}
