import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '../commons/clients/sqs.js';
import { type EmailJob, emailJobSchema } from '../commons/email-job.js';

/** What the `verify-email` job needs; see {@link createVerifyEmailJob}. */
export interface VerifyEmailJobInput {
  /** The normalized recipient address. */
  readonly email: string;
  /** The person's normalized name, if given. */
  readonly name?: string;
  /** The signed confirmation link. */
  readonly confirmUrl: string;
  /** Lifetime of the link, in minutes, shown in the email. */
  readonly expiresInMinutes: number;
}

/**
 * Builds the `verify-email` job, checked against the queue message contract so the producer
 * can never write a message the worker would reject as malformed.
 *
 * @param input - recipient and template props
 * @param now - the acceptance time; @default new Date()
 * @throws ZodError if the job breaks the contract (a bug here, not bad input: input is
 *   validated at the edge first)
 */
export function createVerifyEmailJob(input: VerifyEmailJobInput, now: Date = new Date()): EmailJob {
  const name = input.name === undefined ? {} : { name: input.name };
  return emailJobSchema.parse({
    v: 1,
    id: randomUUID(),
    template: 'verify-email',
    to: { email: input.email, ...name },
    props: { ...name, confirmUrl: input.confirmUrl, expiresInMinutes: input.expiresInMinutes },
    createdAt: now.toISOString(),
  });
}

/**
 * Sends one email job to the queue (SQS `SendMessage`): the body is the job as JSON, and the
 * job id is also a `jobId` String message attribute so it can be traced without parsing the body.
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
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(job),
      MessageAttributes: { jobId: { DataType: 'String', StringValue: job.id } },
    }),
  );
  return output.MessageId;
}
