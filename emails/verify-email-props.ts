import * as z from 'zod/mini';
import { supportedLocales } from './locales.js';

/**
 * Props of the "confirm your email address" email, checked by the worker before rendering.
 * The producer (`functions/signup`) builds them; the queue is not trusted to keep them valid.
 *
 * Apart from the template, and in `zod/mini`, so that the worker, which sends pre-rendered
 * skeletons, validates props without loading React or zod's larger classic API.
 */
export const verifyEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.optional(z.string().check(z.maxLength(100))),
  /**
   * The signed confirmation link; http(s) only, so no `javascript:` link reaches a button.
   * No whitespace or control characters: a URI has none (RFC 3986, section 2), and the
   * plain-text part could not show such a link as it is written.
   */
  confirmUrl: z
    .url({ protocol: /^https?$/ })
    .check(
      z.maxLength(2048),
      z.regex(/^[^\s\p{Cc}\u200b]*$/u, 'A link has no whitespace or control characters'),
    ),
  /** Lifetime of the link, in minutes. */
  expiresInMinutes: z.int().check(z.positive()),
  /** Language of the email; @default 'en' (jobs queued before emails had a locale). */
  locale: z.optional(z.enum(supportedLocales)),
});

/** Props of the "confirm your email address" email. */
export type VerifyEmailProps = z.infer<typeof verifyEmailPropsSchema>;
