import * as z from 'zod';

/**
 * The `mail` object of every SES sending event: which email the event is about. Only the
 * fields this function reads are checked; SES adds others (headers, commonHeaders...).
 * Source: Amazon SES Developer Guide, "Contents of event data that Amazon SES publishes".
 */
const mailSchema = z.object({
  /** SES's message id, as `SendEmail` returned it. */
  messageId: z.string(),
  /** The email's tags, each a list of values: ours (`job_id`, `template`) and SES's (`ses:...`). */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const recipientSchema = z.object({ emailAddress: z.string().min(3) });

/** A bounce: `Permanent` (hard), `Transient` (soft) or `Undetermined`. */
export const bounceEventSchema = z.object({
  eventType: z.literal('Bounce'),
  mail: mailSchema,
  bounce: z.object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.string(),
    bouncedRecipients: z.array(recipientSchema).min(1),
    /** When the bounce was reported, ISO 8601. */
    timestamp: z.string(),
    feedbackId: z.string(),
  }),
});

/** A complaint: the recipient marked the email as spam. */
export const complaintEventSchema = z.object({
  eventType: z.literal('Complaint'),
  mail: mailSchema,
  complaint: z.object({
    complainedRecipients: z.array(recipientSchema).min(1),
    /** When the complaint was reported, ISO 8601. */
    timestamp: z.string(),
    feedbackId: z.string(),
    complaintFeedbackType: z.string().optional(),
  }),
});

/** Every other event type this function receives: counted, nothing else. */
const otherEventSchema = z.object({
  eventType: z.string().min(1),
  mail: mailSchema,
});

/**
 * An SES sending event as EventBridge delivers it: SES publishes to the default event bus
 * with `source: aws.ses` and the SES event in `detail` (SES Developer Guide, "Set up an
 * Amazon EventBridge event destination").
 */
const eventBridgeEnvelopeSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  id: z.string(),
  detail: z.object({ eventType: z.string() }).loose(),
});

/** A bounce event. */
export type BounceEvent = z.infer<typeof bounceEventSchema>;
/** A complaint event. */
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;
/** Any SES sending event, narrowed by `eventType` to the ones this function acts on. */
export type SesEvent = BounceEvent | ComplaintEvent | z.infer<typeof otherEventSchema>;

/** Thrown for an event that is not an SES sending event this function understands. */
export class InvalidSesEventError extends Error {
  override readonly name = 'InvalidSesEventError';
}

/**
 * Reads the SES sending event out of an EventBridge event and validates it: bounces and
 * complaints fully (the fields the feedback loop needs), any other type only for its `mail`.
 *
 * @param event - what the function was invoked with
 * @returns the SES event and the EventBridge event id (for the logs)
 * @throws InvalidSesEventError naming the paths and issue codes, never the values (they hold
 *   addresses)
 */
export function parseSesEvent(event: unknown): { readonly id: string; readonly detail: SesEvent } {
  const envelope = eventBridgeEnvelopeSchema.safeParse(event);
  if (!envelope.success) throw invalid('not an SES event from EventBridge', envelope.error);
  const { detail, id } = envelope.data;
  const schema =
    detail.eventType === 'Bounce'
      ? bounceEventSchema
      : detail.eventType === 'Complaint'
        ? complaintEventSchema
        : otherEventSchema;
  const parsed = schema.safeParse(detail);
  if (!parsed.success) throw invalid(`not a valid ${detail.eventType} event`, parsed.error);
  return { id, detail: parsed.data };
}

/**
 * The job id an event is about: our `job_id` tag, which SES copies from the send's
 * `EmailTags` into every event of that email.
 *
 * @param event - an SES event
 */
export function readJobId(event: SesEvent): string | undefined {
  return event.mail.tags?.job_id?.[0];
}

function invalid(what: string, error: z.ZodError): InvalidSesEventError {
  const issues = error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
  return new InvalidSesEventError(`The event is ${what}: ${issues}`);
}
