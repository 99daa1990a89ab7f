import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { nameProp } from '../../emails/props.js';
import { normalizeEmailAddress } from './helpers/email-address.js';

// Types only: producers check a template's name and props at compile time without bundling
// React; the worker checks them at run time with the schemas.
export type { EmailTemplateName, EmailTemplateProps } from '../../emails/templates.js';

// A recipient address by the API's rule (`normalizeEmailAddress`), so a job another producer
// or a person wrote is held to it too: no `victim@localhost`, nothing SES could not send to.
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
 * The queue message contract: one email job, as producers write it and the worker reads it.
 * Versioned (`v`), so a later shape can be added while old messages are still queued; `props`
 * are checked by the template's own schema. `zod/mini`, as every runtime schema here: about
 * 30 KB of the bundles rather than 100 KB.
 */
export const emailJobSchema = z.object({
  v: z.literal(1),
  /** Job id (UUID); the correlation id of the signup, and the idempotency key of the send. */
  id: z.uuid(),
  /** Name of a template of the registry (`emails/templates.ts`), e.g. `verify-email`. */
  template: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The recipient. */
  to: z.object({
    email: recipientAddress,
    name: nameProp,
  }),
  /** Template props; validated by the template's schema in the worker. */
  props: z.record(z.string(), z.unknown()),
  /** When the job was accepted, ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
});

/** One email job; see {@link emailJobSchema}. */
export type EmailJob = z.infer<typeof emailJobSchema>;

/**
 * The SQS message of a job: the job as JSON, and its id in a `jobId` attribute for tracing. The
 * JSON is ASCII: every other character escaped as `\uXXXX` (one outside the Basic Multilingual
 * Plane as its two surrogates, RFC 8259 §7), so no SQS implementation can refuse a name. SQS
 * allows U+10000–U+10FFFF, but emulators such as fauxqs refuse them ("Amazon SQS message
 * quotas" lists the allowed characters).
 */
export function toQueueMessage(job: EmailJob): {
  MessageBody: string;
  MessageAttributes: Record<string, MessageAttributeValue>;
} {
  return {
    MessageBody: JSON.stringify(job).replace(
      /[\u0080-\uffff]/g,
      (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
    MessageAttributes: { jobId: { DataType: 'String', StringValue: job.id } },
  };
}
