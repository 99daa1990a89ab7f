import type { EmailJob } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';
import { renderEmailBodies } from './email-skeleton.js';
import { describeIssues } from './parse-email-job.js';
import { findTemplate } from './templates.js';

/** An email ready to send: subject (without prefix) and both bodies. */
export interface RenderedEmail {
  /** Subject from the template, without the deployment's prefix. */
  readonly subject: string;
  /** The HTML body. */
  readonly html: string;
  /** The plain-text body, for clients that do not show HTML. */
  readonly text: string;
}

/**
 * Renders the job's template with the job's props to HTML and plain text: from the
 * template's cached skeleton when it has one (see {@link renderEmailBodies}), else in full.
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
  const prepared = template.prepare(job.props);
  if (!prepared.success) {
    throw new InvalidEmailJobError(
      'invalid-props',
      `The props do not fit template "${job.template}": ${describeIssues(prepared.issues)}`,
    );
  }
  const { subject, element } = prepared.email;
  return { subject, ...(await renderEmailBodies(job.template, element)) };
}
