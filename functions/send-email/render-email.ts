import type { EmailJob } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';
import { fillEmailSkeleton, type RenderedEmail } from './email-skeleton.js';
import { describeIssues } from './parse-email-job.js';
import { findTemplate } from './templates.js';

export type { RenderedEmail } from './email-skeleton.js';

/**
 * Renders the job's template with the job's props to HTML and plain text, from the
 * template's skeleton pre-rendered at build time (see {@link fillEmailSkeleton}).
 *
 * @param job - a validated email job
 * @returns subject, HTML and text
 * @throws InvalidEmailJobError with reason `unknown-template` or `invalid-props`
 */
export async function renderEmail(job: EmailJob): Promise<RenderedEmail> {
  const template = findTemplate(job.template);
  if (template === undefined) {
    throw new InvalidEmailJobError('unknown-template', `No template is named "${job.template}"`);
  }
  const parsed = template.parseProps(job.props);
  if (!parsed.success) {
    throw new InvalidEmailJobError(
      'invalid-props',
      `The props do not fit template "${job.template}": ${describeIssues(parsed.issues)}`,
    );
  }
  return fillEmailSkeleton(job.template, parsed.props);
}
