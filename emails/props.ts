import * as z from 'zod/mini';
import { supportedLocales } from './locales.js';

/** Longest name, in characters (code points: `𠮷` is one, though two UTF-16 units). */
export const maxNameCharacters = 100;

/** The number of characters (code points) of a text, as a person counts them. */
export const countCharacters = (text: string): number => [...text].length;

/** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
export const nameProp = z.optional(
  z
    .string()
    .check(
      z.refine(
        (name) => countCharacters(name) <= maxNameCharacters,
        `at most ${maxNameCharacters} characters`,
      ),
    ),
);

/** Language of the email; @default 'en' (jobs queued before emails had a locale). */
export const localeProp = z.optional(z.enum(supportedLocales));

/**
 * A link: http(s) only, so no `javascript:` link reaches a button, and no whitespace or
 * control characters, which a URI has none of (RFC 3986 §2) and the text part could not show.
 */
export const linkProp = z
  .url({ protocol: /^https?$/ })
  .check(
    z.maxLength(2048),
    z.regex(/^[^\s\p{Cc}\u200b]*$/u, 'A link has no whitespace or control characters'),
  );
