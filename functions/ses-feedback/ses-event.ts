import * as z from 'zod';

// The fields this function reads of an SES sending event (SES Developer Guide, "Contents of
// event data that Amazon SES publishes"); SES adds others.
const mailSchema = z.object({
  messageId: z.string(),
  /** Ours (`job_id`, `template`) and SES's (`ses:...`), each a list of values. */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const recipientSchema = z.object({ emailAddress: z.string().min(3) });

const bounceEventSchema = z.object({
  eventType: z.literal('Bounce'),
  mail: mailSchema,
  bounce: z.object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.string(),
    bouncedRecipients: z.array(recipientSchema).min(1),
    timestamp: z.string(),
    feedbackId: z.string(),
  }),
});

const complaintEventSchema = z.object({
  eventType: z.literal('Complaint'),
  mail: mailSchema,
  complaint: z.object({
    complainedRecipients: z.array(recipientSchema).min(1),
    timestamp: z.string(),
    feedbackId: z.string(),
    complaintFeedbackType: z.string().optional(),
  }),
});

// Every other event type: counted, nothing else.
const otherEventSchema = z.object({ eventType: z.string().min(1), mail: mailSchema });

// SES publishes to the default event bus with `source: aws.ses` and the SES event in `detail`.
const eventBridgeEnvelopeSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  id: z.string(),
  detail: z.object({ eventType: z.string() }).loose(),
});

/** An SES sending event: a bounce, a complaint, or another type this function only counts. */
export type SesEvent =
  | z.infer<typeof bounceEventSchema>
  | z.infer<typeof complaintEventSchema>
  | z.infer<typeof otherEventSchema>;

/** Thrown for an event that is not an SES sending event this function understands. */
export class InvalidSesEventError extends Error {
  override readonly name = 'InvalidSesEventError';
}

/**
 * Reads and validates the SES event of an EventBridge event: bounces and complaints fully,
 * other types for their `mail` only.
 *
 * @returns the SES event and the EventBridge event id (for the logs)
 * @throws InvalidSesEventError naming paths and issue codes, never values (they hold addresses)
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

/** The job id an event is about: our `job_id` tag, which SES copies into every event of the email. */
export function readJobId(event: SesEvent): string | undefined {
  return event.mail.tags?.job_id?.[0];
}

function invalid(what: string, error: z.ZodError): InvalidSesEventError {
  const issues = error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
  return new InvalidSesEventError(`The event is ${what}: ${issues}`);
}
