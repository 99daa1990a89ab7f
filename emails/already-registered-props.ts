import * as z from 'zod';
import { localeSchema } from './locales.js';

/**
 * Props of the "already registered" notice, checked by the worker before rendering. The
 * signup function builds them from the account when a signup names a confirmed address.
 *
 * Apart from the template so that the worker, which sends pre-rendered skeletons, can
 * validate props without loading React.
 */
export const alreadyRegisteredEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.string().max(100).optional(),
  /** Language of the email; @default 'en'. */
  locale: localeSchema.optional(),
});

/** Props of the "already registered" notice. */
export type AlreadyRegisteredEmailProps = z.infer<typeof alreadyRegisteredEmailPropsSchema>;
