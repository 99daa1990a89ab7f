import * as z from 'zod';
import { localeSchema } from './locales.js';

/**
 * Props of the "confirm your email address" email, checked by the worker before rendering.
 * The producer (`functions/signup`) builds them; the queue is not trusted to keep them valid.
 *
 * Apart from the template so that the worker, which sends pre-rendered skeletons, can
 * validate props without loading React.
 */
export const verifyEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.string().max(100).optional(),
  /**
   * The signed confirmation link; http(s) only, so no `javascript:` link reaches a button.
   * No whitespace or control characters: a URI has none (RFC 3986, section 2), and the
   * plain-text part could not show such a link as it is written.
   */
  confirmUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .regex(/^[^\s\p{Cc}\u200b]*$/u, 'A link has no whitespace or control characters'),
  /** Lifetime of the link, in minutes. */
  expiresInMinutes: z.number().int().positive(),
  /** Language of the email; @default 'en' (jobs queued before emails had a locale). */
  locale: localeSchema.optional(),
});

/** Props of the "confirm your email address" email. */
export type VerifyEmailProps = z.infer<typeof verifyEmailPropsSchema>;
