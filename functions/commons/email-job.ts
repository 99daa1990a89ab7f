import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { normalizeEmailAddress } from './helpers/email-address.js';

// Types only: the producers check a template's name and props at compile time against the
// registry without bundling React; the worker checks them at run time with the schemas.
export type { EmailTemplateName, EmailTemplateProps } from '../../emails/templates.js';

/**
 * A recipient address, by the rule the API applies to the address a person types
 * (`normalizeEmailAddress`), and normalized by it. In the contract, so that the worker holds
 * a job written to the queue by hand, or by another producer, to the same rule: no
 * `victim@localhost`, no IP literal, nothing SES could not send to.
 */
const recipientAddress = z.pipe(
  z.string(),
  z.transform((value: string, context) => {
    const result = normalizeEmailAddress(value);
    if (result.ok) return result.address;
    context.issues.push({ code: 'custom', message: `The address ${result.detail}`, input: value });
    return z.NEVER;
  }),
);

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
  /** The recipient. */
  to: z.object({
    email: recipientAddress,
    name: z.optional(z.string().check(z.maxLength(100))),
  }),
  /** Template props; validated by the template's schema in the worker. */
  props: z.record(z.string(), z.unknown()),
  /** When the job was accepted, ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
});

/** One email job; see {@link emailJobSchema}. */
export type EmailJob = z.infer<typeof emailJobSchema>;

/**
 * The SQS message of a job, as every producer writes it: the job as JSON in the body, and its
 * id also in a `jobId` String attribute, so it can be traced without parsing the body.
 *
 * @param job - a job that satisfies the contract
 */
export function toQueueMessage(job: EmailJob): {
  MessageBody: string;
  MessageAttributes: Record<string, MessageAttributeValue>;
} {
  return {
    MessageBody: JSON.stringify(job),
    MessageAttributes: { jobId: { DataType: 'String', StringValue: job.id } },
  };
}
