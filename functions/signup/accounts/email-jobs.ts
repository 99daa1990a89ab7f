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

/**
 * Builds an email job, checked against the queue message contract, so the producer never
 * writes a message the worker would refuse; the registry types the template's props, so a job
 * its schema refuses does not compile. `name` and `locale` go into the props too.
 *
 * @param recipient - the job id (@default a new UUID), normalized address, name and locale
 * @param props - the template's other props
 * @param now - the acceptance time, in ms since the epoch
 * @throws ZodError if the job breaks the contract (a bug: input is validated at the edge)
 */
export function createEmailJob<Name extends EmailTemplateName>(
  template: Name,
  recipient: {
    readonly id?: string;
    readonly email: string;
    readonly name?: string | undefined;
    readonly locale?: Locale;
  },
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

/** Thrown when SQS refused an email job, after the write it was to follow was undone. */
export class EnqueueFailedError extends Error {
  override readonly name = 'EnqueueFailedError';
  readonly jobId: string;

  constructor(jobId: string, cause: unknown) {
    super('SQS refused the email job', { cause });
    this.jobId = jobId;
  }
}

/**
 * Queues an email job that follows a DynamoDB write, and undoes the write when SQS refuses
 * it, so the account is as if the request had not come and a retry works at once.
 *
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
