import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type EmailJob, emailJobSchema } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';

// zod/mini has no messages of its own (every issue says "Invalid input"); zod's English ones
// name the expected type, format or bound, never the input, so the DLQ can say what is wrong.
z.config(en());

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
 * Summarizes zod issues as `path: message` pairs, for the logs and the DLQ: each failing
 * field and what is wrong with it.
 *
 * Never the input: it may hold the recipient's address or name, which must not reach the
 * logs. zod's messages and this project's own name what was expected, not what was given
 * (the callers still mask anything shaped like an address).
 *
 * @param issues - the issues of a failed `safeParse`
 * @returns e.g. `v: Invalid input: expected 1; props.code: Invalid string: must match pattern /^[0-9]{6}$/`
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
