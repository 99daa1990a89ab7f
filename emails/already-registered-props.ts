import * as z from 'zod/mini';
import { supportedLocales } from './locales.js';

/**
 * Props of the "already registered" notice, checked by the worker before rendering. The
 * signup function builds them from the account when a signup names a confirmed address.
 *
 * Apart from the template, and in `zod/mini`, so that the worker, which sends pre-rendered
 * skeletons, validates props without loading React or zod's larger classic API.
 */
export const alreadyRegisteredEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.optional(z.string().check(z.maxLength(100))),
  /** Language of the email; @default 'en'. */
  locale: z.optional(z.enum(supportedLocales)),
});

/** Props of the "already registered" notice. */
export type AlreadyRegisteredEmailProps = z.infer<typeof alreadyRegisteredEmailPropsSchema>;
