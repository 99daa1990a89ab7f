import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Locale } from '../../emails/locales.js';
import { sqsClient } from '../commons/clients/sqs.js';
import {
  type EmailJob,
  type EmailTemplateName,
  type EmailTemplateProps,
  emailJobSchema,
  toQueueMessage,
} from '../commons/email-job.js';

/** What any email job needs; see {@link createEmailJob}. */
export interface EmailJobInput {
  /** The job id; @default a new random UUID */
  readonly id?: string;
  /** The normalized recipient address. */
  readonly email: string;
  /** The person's normalized name, if known; greets them and names the recipient. */
  readonly name?: string;
  /** Language of the email. @default - the template's default, English */
  readonly locale?: Locale;
}

/** What the `verify-email` job needs; see {@link createVerifyEmailJob}. */
export interface VerifyEmailJobInput extends EmailJobInput {
  /** The signed confirmation link. */
  readonly confirmUrl: string;
  /** Lifetime of the link, in minutes, shown in the email. */
  readonly expiresInMinutes: number;
}

/**
 * Builds an email job, checked against the queue message contract so the producer can never
 * write a message the worker would reject as malformed. `name` and `locale` go into the
 * props as well; the templates read them there. The template's name and other props are
 * typed by the registry (`emails/templates.ts`), so a job the template's schema refuses does
 * not compile.
 *
 * @param template - a registered template's name
 * @param input - id, recipient, locale
 * @param props - the template's other props
 * @param now - the acceptance time; @default new Date()
 * @throws ZodError if the job breaks the contract (a bug here, not bad input: input is
 *   validated at the edge first)
 */
export function createEmailJob<Name extends EmailTemplateName>(
  template: Name,
  input: EmailJobInput,
  props: Omit<EmailTemplateProps<Name>, 'name' | 'locale'>,
  now: Date = new Date(),
): EmailJob {
  const name = input.name === undefined ? {} : { name: input.name };
  const locale = input.locale === undefined ? {} : { locale: input.locale };
  return emailJobSchema.parse({
    v: 1,
    id: input.id ?? randomUUID(),
    template,
    to: { email: input.email, ...name },
    props: { ...name, ...props, ...locale },
    createdAt: now.toISOString(),
  });
}

/**
 * Builds the `verify-email` job: the confirmation link and its lifetime.
 *
 * @param input - id, recipient, locale and template props
 * @param now - the acceptance time; @default new Date()
 * @throws ZodError if the job breaks the contract
 */
export function createVerifyEmailJob(input: VerifyEmailJobInput, now: Date = new Date()): EmailJob {
  const { confirmUrl, expiresInMinutes } = input;
  return createEmailJob('verify-email', input, { confirmUrl, expiresInMinutes }, now);
}

/**
 * Sends one email job to the queue (SQS `SendMessage`, the message of `toQueueMessage`).
 *
 * @param job - a job that satisfies the contract
 * @param queueUrl - the queue's URL
 * @returns the SQS message id
 * @throws the SDK's error when SQS refuses the message
 */
export async function enqueueEmailJob(
  job: EmailJob,
  queueUrl: string,
): Promise<string | undefined> {
  const output = await sqsClient.send(
    new SendMessageCommand({ QueueUrl: queueUrl, ...toQueueMessage(job) }),
  );
  return output.MessageId;
}

/**
 * Thrown by the signup and confirm flows when SQS refused their email job, after they undid
 * the write that the job was to follow (an email claim, a confirmation).
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
