import { randomUUID } from 'node:crypto';
import { emailTemplates, findEmailTemplate } from '../../emails/templates.js';
import { type EmailJob, emailJobSchema } from '../../functions/commons/email-job.js';
import { describeIssues } from '../../functions/send-email/parse-email-job.js';

/** What `npm run enqueue` is given on its command line. */
export interface HandMadeJobInput {
  /** A registered template's name. */
  readonly template?: string | undefined;
  /** The recipient's address. */
  readonly to?: string | undefined;
  /** The recipient's display name; also the props' `name` unless the props give one. */
  readonly name?: string | undefined;
  /** The props' `locale`, when given. */
  readonly locale?: string | undefined;
  /** The template's props, as JSON text; @default '{}' */
  readonly props?: string | undefined;
}

/** The job, or every reason it cannot be queued. */
export type HandMadeJob =
  | { readonly ok: true; readonly job: EmailJob }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Builds the job `npm run enqueue` puts on the queue, checked as the worker will check it:
 * the template must be registered, its schema must accept the props, and the job must meet
 * the queue contract (the recipient by the API's address rule). So a job that would only go
 * to the DLQ is refused here, with the reasons, and nothing is queued.
 *
 * @param input - template, recipient, name, locale and props JSON
 * @param now - the job's `createdAt`; @default new Date()
 * @returns the job, or the problems (each failing field with what is wrong)
 */
export function buildHandMadeJob(input: HandMadeJobInput, now: Date = new Date()): HandMadeJob {
  const names = Object.keys(emailTemplates).join(', ');
  if (input.template === undefined || input.to === undefined) {
    return { ok: false, problems: [`--template (one of ${names}) and --to are required`] };
  }
  const template = findEmailTemplate(input.template);
  if (template === undefined) {
    return {
      ok: false,
      problems: [`No template is named "${input.template}"; the registry has ${names}`],
    };
  }
  let given: unknown;
  try {
    given = JSON.parse(input.props ?? '{}');
  } catch (error) {
    return { ok: false, problems: [`--props is not JSON: ${(error as Error).message}`] };
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    return { ok: false, problems: ['--props must be a JSON object'] };
  }
  const props = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...given,
    ...(input.locale === undefined ? {} : { locale: input.locale }),
  };
  const prepared = template.prepare(props);
  const job = emailJobSchema.safeParse({
    v: 1,
    id: randomUUID(),
    template: input.template,
    to: { email: input.to, ...(input.name === undefined ? {} : { name: input.name }) },
    props,
    createdAt: now.toISOString(),
  });
  const problems = [
    ...(prepared.success ? [] : prepared.issues.map((issue) => `props.${describeIssues([issue])}`)),
    ...(job.success ? [] : job.error.issues.map((issue) => describeIssues([issue]))),
  ];
  if (!job.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, job: job.data };
}
