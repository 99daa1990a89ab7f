import * as z from 'zod';
import { localeSchema } from './locales.js';

/**
 * Props of the "welcome" email, checked by the worker before rendering. The signup function
 * builds them from the account when its address is confirmed.
 *
 * Apart from the template so that the worker, which sends pre-rendered skeletons, can
 * validate props without loading React.
 */
export const welcomeEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.string().max(100).optional(),
  /** Language of the email; @default 'en'. */
  locale: localeSchema.optional(),
});

/** Props of the "welcome" email. */
export type WelcomeEmailProps = z.infer<typeof welcomeEmailPropsSchema>;
