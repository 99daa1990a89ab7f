import type * as z from 'zod/mini';
import { type EmailJob, emailJobSchema } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';

/**
 * Turns an SQS message body into an email job, or says why it is not one.
 *
 * @param body - the message body, as SQS delivers it (a string)
 * @returns the job, validated against the queue message contract
 * @throws InvalidEmailJobError with reason `invalid-json` (not JSON) or `invalid-job`
 *   (JSON, but not an email job of a version this worker knows)
 */
export function parseEmailJob(body: string): EmailJob {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new InvalidEmailJobError('invalid-json', 'The message body is not JSON');
  }
  const result = emailJobSchema.safeParse(data);
  if (!result.success) {
    throw new InvalidEmailJobError(
      'invalid-job',
      `The message body is not an email job: ${describeIssues(result.error.issues)}`,
    );
  }
  return result.data;
}

/**
 * Summarizes zod issues as `path: code` pairs for logs.
 *
 * Why not the issue messages or the input: those may quote the recipient's address or name,
 * which must not reach the logs.
 *
 * @param issues - the issues of a failed `safeParse`
 * @returns e.g. `to.email: too_small; v: invalid_value`
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
}
