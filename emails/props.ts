import * as z from 'zod/mini';
import { supportedLocales } from './locales.js';

// zod/mini, as every schema of the worker: the same checks as classic zod, about 70 KB less
// of the worker's bundle (see functions/commons/email-job.ts).

/** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
export const nameProp = z.optional(z.string().check(z.maxLength(100)));

/** Language of the email; @default 'en' (jobs queued before emails had a locale). */
export const localeProp = z.optional(z.enum(supportedLocales));

/**
 * A link a button or text points to: http(s) only, so no `javascript:` link reaches a
 * button. No whitespace or control characters: a URI has none (RFC 3986, section 2), and
 * the plain-text part could not show such a link as it is written.
 */
export const linkProp = z
  .url({ protocol: /^https?$/ })
  .check(
    z.maxLength(2048),
    z.regex(/^[^\s\p{Cc}\u200b]*$/u, 'A link has no whitespace or control characters'),
  );
