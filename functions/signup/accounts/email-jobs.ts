import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Locale } from '../../../emails/locales.js';
import { sqsClient } from '../../commons/clients/sqs.js';
import {
  type EmailJob,
  type EmailTemplateName,
  type EmailTemplateProps,
  emailJobSchema,
  toQueueMessage,
} from '../../commons/email-job.js';

/** Who an email job goes to: a normalized address, and the name and locale if known. */
export interface EmailJobRecipient {
  /** The job id; @default a new random UUID */
  readonly id?: string;
  readonly email: string;
  readonly name?: string | undefined;
  readonly locale?: Locale;
}

/**
 * Builds an email job, checked against the queue message contract so the producer can never
 * write a message the worker would reject as malformed. `name` and `locale` go into the
 * props as well; the templates read them there. The template's name and other props are
 * typed by the registry (`emails/templates.ts`), so a job the template's schema refuses does
 * not compile.
 *
 * @param template - a registered template's name
 * @param recipient - id, address, name, locale
 * @param props - the template's other props
 * @param now - the acceptance time, in ms since the epoch
 * @throws ZodError if the job breaks the contract (a bug: input is validated at the edge)
 */
export function createEmailJob<Name extends EmailTemplateName>(
  template: Name,
  recipient: EmailJobRecipient,
  props: Omit<EmailTemplateProps<Name>, 'name' | 'locale'>,
  now: number,
): EmailJob {
  const name = recipient.name === undefined ? {} : { name: recipient.name };
  const locale = recipient.locale === undefined ? {} : { locale: recipient.locale };
  return emailJobSchema.parse({
    v: 1,
    id: recipient.id ?? randomUUID(),
    template,
    to: { email: recipient.email, ...name },
    props: { ...name, ...props, ...locale },
    createdAt: new Date(now).toISOString(),
  });
}

/**
 * Thrown when SQS refused an email job, after the write the job was to follow (an email
 * claim, a confirmation) was undone; see {@link enqueueOrUndo}.
 */
export class EnqueueFailedError extends Error {
  override readonly name = 'EnqueueFailedError';
  /** The id of the job SQS refused. */
  readonly jobId: string;

  constructor(jobId: string, cause: unknown) {
    super('SQS refused the email job', { cause });
    this.jobId = jobId;
  }
}

/**
 * Sends an email job that follows a DynamoDB write, and undoes the write when SQS refuses the
 * job, so the account is left as if the request had not come and a retry works at once
 * (rather than a cooldown for an email that never left, or a confirmation without its
 * welcome). The message is the contract's `toQueueMessage`.
 *
 * @param job - a job that satisfies the contract
 * @param queueUrl - the queue's URL
 * @param undo - undoes the write; conditional, so it never undoes a later request's
 * @param onUndoFailed - told when the undo failed too (for the logs)
 * @returns the SQS message id
 * @throws EnqueueFailedError when SQS refused the job, after the undo was tried
 */
export async function enqueueOrUndo(
  job: EmailJob,
  queueUrl: string,
  undo: () => Promise<unknown>,
  onUndoFailed: (error: unknown) => void,
): Promise<string | undefined> {
  try {
    const output = await sqsClient.send(
      new SendMessageCommand({ QueueUrl: queueUrl, ...toQueueMessage(job) }),
    );
    return output.MessageId;
  } catch (error) {
    await undo().catch(onUndoFailed);
    throw new EnqueueFailedError(job.id, error);
  }
}
