import * as z from 'zod';

/**
 * The queue message contract: one email job, as the signup function writes it to SQS
 * and the send-email worker reads it. Defined once, here, for both sides.
 *
 * Versioned (`v`) so that a later shape can be added while messages of the old one are
 * still in the queue. `props` are checked by the named template's own schema, not here.
 */
export const emailJobSchema = z.object({
  /** Contract version. */
  v: z.literal(1),
  /** Job id (UUID); the correlation id of the signup, and the idempotency key of the send. */
  id: z.uuid(),
  /** Name of the template in `emails/`, e.g. `verify-email`. */
  template: z.string().min(1).max(64),
  /** The recipient. `email` is already normalized by the producer. */
  to: z.object({
    email: z.string().min(3).max(254),
    name: z.string().max(100).optional(),
  }),
  /** Template props; validated by the template's schema in the worker. */
  props: z.record(z.string(), z.unknown()),
  /** When the job was accepted, ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
});

/** One email job; see {@link emailJobSchema}. */
export type EmailJob = z.infer<typeof emailJobSchema>;
