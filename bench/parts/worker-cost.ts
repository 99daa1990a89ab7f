/**
 * Bench part, in its own process with `NODE_ENV=production` (as the deployed bundle has it
 * inlined, so React runs its production build): the worker's CPU time per email against a
 * naive baseline, in the same process, in alternating batches.
 *
 * - worker: what the send-email function does per record before the network, i.e.
 *   `parseEmailJob` (contract), `renderEmail` (template props, HTML and text) and the
 *   `SendEmailCommand` built by `buildSendEmailInput`.
 * - naive baseline: React Email's `render()` twice per email with default settings, once
 *   for HTML and once with `{ plainText: true }` (the style the React Email docs show).
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { render } from '@react-email/components';
import { createElement } from 'react';
import VerifyEmail, { type VerifyEmailProps } from '../../emails/verify-email.js';
import { parseEmailJob } from '../../functions/send-email/parse-email-job.js';
import { renderEmail } from '../../functions/send-email/render-email.js';
import { buildSendEmailInput } from '../../functions/send-email/send-email-job.js';
import { serveParent } from '../child-process.js';
import { makeVerifyEmailJobs } from '../email-jobs.js';

/** What the worker-cost part is asked to run. */
export interface WorkerCostPlan {
  /** Emails per batch. */
  readonly emailsPerBatch: number;
  /** Batches of each kind (the runs of the figure). */
  readonly rounds: number;
}

/** CPU time per email of each batch, in ms (user + system), paired by round. */
export interface WorkerCostResult {
  readonly workerMs: number[];
  readonly baselineMs: number[];
  /** Characters of the HTML and text bodies of the first job, as a check both did the work. */
  readonly bodyChars: { readonly worker: number; readonly baseline: number };
}

const sendSettings = { sender: 'Signup Mailer <no-reply@example.com>', subjectPrefix: '[Bench] ' };

async function runWorkerPath(bodies: readonly string[]): Promise<number> {
  let chars = 0;
  for (const body of bodies) {
    const job = parseEmailJob(body);
    const email = await renderEmail(job);
    const command = new SendEmailCommand(buildSendEmailInput(job, email, sendSettings));
    chars += (command.input.Content?.Simple?.Body?.Html?.Data?.length ?? 0) + email.text.length;
  }
  return chars;
}

async function runBaseline(bodies: readonly string[]): Promise<number> {
  let chars = 0;
  for (const body of bodies) {
    const props = (JSON.parse(body) as { props: VerifyEmailProps }).props;
    const element = createElement(VerifyEmail, props);
    const html = await render(element);
    const text = await render(element, { plainText: true });
    chars += html.length + text.length;
  }
  return chars;
}

/** CPU time (user + system) of `work`, in ms. */
async function measureCpuMs(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function runWorkerCost(plan: WorkerCostPlan): Promise<WorkerCostResult> {
  if (process.env.NODE_ENV !== 'production') throw new Error('Run with NODE_ENV=production');
  const bodies = makeVerifyEmailJobs(plan.emailsPerBatch).map((job) => JSON.stringify(job));
  // Warm-up: module loading, JIT and any cache a path keeps are not part of the steady cost.
  const bodyChars = {
    worker: await runWorkerPath(bodies.slice(0, 1)),
    baseline: await runBaseline(bodies.slice(0, 1)),
  };
  await runWorkerPath(bodies);
  await runBaseline(bodies);
  const workerMs: number[] = [];
  const baselineMs: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    // Alternate which goes first, so neither always runs on a freshly collected heap.
    const pair = [
      async () => workerMs.push((await measureCpuMs(() => runWorkerPath(bodies))) / bodies.length),
      async () => baselineMs.push((await measureCpuMs(() => runBaseline(bodies))) / bodies.length),
    ];
    if (round % 2 === 1) pair.reverse();
    for (const measure of pair) await measure();
  }
  return { workerMs, baselineMs, bodyChars };
}

serveParent(runWorkerCost);
