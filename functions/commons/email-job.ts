import * as z from 'zod/mini';

// Types only: the producers check a template's name and props at compile time against the
// registry without bundling React; the worker checks them at run time with the schemas.
export type { EmailTemplateName, EmailTemplateProps } from '../../emails/templates.js';

/**
 * The queue message contract: one email job, as the signup function writes it to SQS
 * and the send-email worker reads it. Defined once, here, for both sides.
 *
 * Versioned (`v`) so that a later shape can be added while messages of the old one are
 * still in the queue. `props` are checked by the named template's own schema, not here.
 *
 * Written with `zod/mini` (the same checks and `parse` / `safeParse`, functions instead of
 * methods): the worker then bundles about 30 KB of zod instead of about 100 KB.
 */
export const emailJobSchema = z.object({
  /** Contract version. */
  v: z.literal(1),
  /** Job id (UUID); the correlation id of the signup, and the idempotency key of the send. */
  id: z.uuid(),
  /** Name of a template of the registry (`emails/templates.ts`), e.g. `verify-email`. */
  template: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The recipient. `email` is already normalized by the producer. */
  to: z.object({
    email: z.string().check(z.minLength(3), z.maxLength(254)),
    name: z.optional(z.string().check(z.maxLength(100))),
  }),
  /** Template props; validated by the template's schema in the worker. */
  props: z.record(z.string(), z.unknown()),
  /** When the job was accepted, ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
});

/** One email job; see {@link emailJobSchema}. */
export type EmailJob = z.infer<typeof emailJobSchema>;
