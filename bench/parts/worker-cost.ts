/**
 * Bench part, one process per batch: CPU time per email of one way of making emails.
 *
 * - `worker`, with `NODE_ENV=production` (as the deployed bundle has it inlined, so React
 *   runs its production build): what the send-email function does per record before the
 *   network, i.e. `parseEmailJob` (contract), `renderEmail` (template schema, one `render()`
 *   and `toPlainText` of its HTML) and the `SendEmailCommand` of `buildSendEmailInput`.
 * - `naive`, in React's development build (no `NODE_ENV`, as a bundler with no `define`
 *   leaves it): React Email's `render()` twice per email, once for HTML and once with
 *   `{ plainText: true }`, the way its docs show it.
 *
 * Both start with the same warm-up (module loading, JIT), then time one batch: the cost in a
 * warm container, which makes every email but the first (the cold start is the bundles
 * part's).
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { render } from '@react-email/render';
import { createElement } from 'react';
import VerifyEmail, { type VerifyEmailProps } from '../../emails/verify-email.js';
import { parseEmailJob } from '../../functions/send-email/parse-email-job.js';
import { renderEmail } from '../../functions/send-email/render-email.js';
import { buildSendEmailInput } from '../../functions/send-email/send-email-job.js';
import { serveParent } from '../child-process.js';
import { makeVerifyEmailJobs } from '../email-jobs.js';

/** How emails are made: the worker's way, or React Email's naive use. */
export type WorkerCostVariant = 'worker' | 'naive';

/** What one worker-cost process is asked to run. */
export interface WorkerCostPlan {
  readonly variant: WorkerCostVariant;
  /** Emails in the timed batch. */
  readonly emailsPerBatch: number;
}

/** What one worker-cost process answers. */
export interface WorkerCostBatch {
  /** CPU time (user + system) per email of the batch, in ms. */
  readonly cpuMsPerEmail: number;
  /** Characters of the first email's HTML and text bodies, as a check that it did the work. */
  readonly bodyChars: number;
}

/** The worker-cost figures: one batch of each variant per round, paired by round. */
export interface WorkerCostResult {
  readonly workerMs: number[];
  readonly naiveMs: number[];
  readonly bodyChars: { readonly worker: number; readonly naive: number };
}

/** Untimed batches before the timed one: a warm container's cost, not a cold one's. */
const warmUpBatches = 3;

const sendSettings = { sender: 'Signup Mailer <no-reply@example.com>', subjectPrefix: '[Bench] ' };

const makeEmails: Readonly<Record<WorkerCostVariant, (body: string) => Promise<number>>> = {
  async worker(body) {
    const job = parseEmailJob(body);
    const email = await renderEmail(job);
    const command = new SendEmailCommand(buildSendEmailInput(job, email, sendSettings));
    return (command.input.Content?.Simple?.Body?.Html?.Data?.length ?? 0) + email.text.length;
  },
  async naive(body) {
    const props = (JSON.parse(body) as { props: VerifyEmailProps }).props;
    const element = createElement(VerifyEmail, props);
    const html = await render(element);
    const text = await render(element, { plainText: true });
    return html.length + text.length;
  },
};

async function runWorkerCost(plan: WorkerCostPlan): Promise<WorkerCostBatch> {
  const production = process.env.NODE_ENV === 'production';
  if (production !== (plan.variant === 'worker')) {
    throw new Error('The worker variant runs with NODE_ENV=production, the naive one without');
  }
  const make = makeEmails[plan.variant];
  const bodies = makeVerifyEmailJobs(plan.emailsPerBatch).map((job) => JSON.stringify(job));
  const bodyChars = await make(bodies[0] ?? '');
  // Until the JIT has settled: about three batches, measured here, for either variant.
  for (let pass = 0; pass < warmUpBatches; pass += 1) {
    for (const body of bodies) await make(body);
  }
  const before = process.cpuUsage();
  for (const body of bodies) await make(body);
  const used = process.cpuUsage(before);
  return { cpuMsPerEmail: (used.user + used.system) / 1000 / bodies.length, bodyChars };
}

serveParent(runWorkerCost);
