import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type EmailJob, emailJobSchema } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';

// zod/mini has no messages of its own ("Invalid input"); zod's English ones name what was
// expected, never the input, so the DLQ can say what is wrong.
z.config(en());

/**
 * Turns an SQS message body into an email job, or says why it is not one.
 *
 * @param body - the message body
 * @throws InvalidEmailJobError `invalid-json`, or `invalid-job` (JSON, but not a job of a
 *   version this worker knows)
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
 * Summarizes zod issues as `path: message` pairs for the logs and the DLQ, never with the
 * input, which may hold the recipient's address or name.
 *
 * @returns e.g. `v: Invalid input: expected 1; props.code: Invalid string: must match pattern /^[0-9]{6}$/`
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
