import * as z from 'zod/mini';
import { supportedLocales } from './locales.js';

/**
 * Props of the "welcome" email, checked by the worker before rendering. The signup function
 * builds them from the account when its address is confirmed.
 *
 * Apart from the template, and in `zod/mini`, so that the worker, which sends pre-rendered
 * skeletons, validates props without loading React or zod's larger classic API.
 */
export const welcomeEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.optional(z.string().check(z.maxLength(100))),
  /** Language of the email; @default 'en'. */
  locale: z.optional(z.enum(supportedLocales)),
});

/** Props of the "welcome" email. */
export type WelcomeEmailProps = z.infer<typeof welcomeEmailPropsSchema>;
