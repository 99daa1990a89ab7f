/**
 * Bench part, in its own process: the local stack under load. Runs, in one process and one
 * stack so the figures compare, `rounds` rounds of open-loop runs: the queued `POST /signup`
 * and the blocking alternative (against the same SES emulator) at the same rate, then the
 * queued endpoint at a light rate; then one throughput run of `signups` closed-loop
 * signups drained to the last email.
 */
import { loadavg } from 'node:os';
import { createApiServer } from '../../local/api-gateway/api-server.js';
import { resolveFaultSettings } from '../../local/faults/fault-settings.js';
import { createRandomSource } from '../../local/faults/random-source.js';
import { startSesFaultProxy } from '../../local/faults/ses-fault-proxy.js';
import { closeServer, listenOn } from '../../local/servers.js';
import { startLocalStack } from '../../local/stack.js';
import { createBlockingSignupHandler } from '../blocking-signup-handler.js';
import { serveParent } from '../child-process.js';
import { type LoadPlan, runLoad } from '../load/http-load.js';
import { recordSesArrivals, type SesArrivals } from '../ses-arrivals.js';
import { type LatencyRun, reduceLatencyRun } from './latency-run.js';

/** What the pipeline part is asked to run. */
export interface PipelinePlan {
  /** Requests per second of the latency runs. */
  readonly ratePerSecond: number;
  /** Length of each latency run, in s. */
  readonly durationSeconds: number;
  /**
   * Requests per second of the light-load run of each round (queued only): the pipeline's
   * own latency, with no backlog in the queue.
   */
  readonly lightRatePerSecond: number;
  /** Latency runs per endpoint. */
  readonly rounds: number;
  /** Signups of the throughput run. */
  readonly signups: number;
  /** Requests in flight during the throughput run. */
  readonly concurrency: number;
  /** SES sends per second per worker container (the pacer); raised to measure the pipeline. */
  readonly sendRatePerSecond: number;
  /** Latency added to every SES call, in ms (fault proxies); 0 for none. */
  readonly sesLatencyMs: number;
  /** How the local stack runs the worker. */
  readonly workerIsolation: 'in-process' | 'process';
}

/** The throughput run's figures. */
export interface ThroughputRun {
  readonly signups: number;
  /** Signups not accepted (not 202). */
  readonly errors: number;
  /** From the first request to the last 202, in ms. */
  readonly acceptMs: number;
  /** From the first request to the last email at the SES emulator, in ms. */
  readonly drainMs: number;
  readonly emailsPerSecond: number;
  readonly undelivered: number;
}

/** What the pipeline part answers. */
export interface PipelineResult {
  readonly queued: LatencyRun[];
  /** The queued endpoint at `lightRatePerSecond`. */
  readonly queuedLight: LatencyRun[];
  readonly blocking: LatencyRun[];
  readonly throughput: ThroughputRun;
}

const deliveryTimeoutMs = 120_000;
const requestTimeoutMs = 30_000;

async function runPipeline(plan: PipelinePlan): Promise<PipelineResult> {
  const { arrivals, record } = recordSesArrivals();
  const sesLatency =
    plan.sesLatencyMs > 0 ? { sesSlow: 1, sesLatencyMs: plan.sesLatencyMs, seed: 1 } : undefined;
  const stack = await startLocalStack({
    // The pacer stays, at this rate. (An environment variable set here would be overwritten
    // by the settings the stack hands the worker.)
    sendRatePerSecond: plan.sendRatePerSecond,
    // Thousands of signups from 127.0.0.1: the per-client limit would refuse all but ten.
    signupLimitPerClient: 0,
    apiPort: 0,
    sesPort: 0,
    sqsPort: 0,
    workerIsolation: plan.workerIsolation,
    workerOutput: 'ignore',
    onEmailStored: record,
    // Ten thousand emails would hold ~150 MB of HTML nobody reads.
    dropEmailBodies: true,
    logger: { info: () => {}, error: console.error },
    ...(sesLatency === undefined ? {} : { faults: sesLatency }),
  });
  // The blocking handler's SES calls take the same detour as the worker's.
  const blockingSes =
    sesLatency === undefined
      ? undefined
      : await startSesFaultProxy({
          target: stack.inboxUrl,
          faults: resolveFaultSettings(sesLatency),
          random: createRandomSource(sesLatency.seed),
        });
  const blockingServer = createApiServer({
    invoke: createBlockingSignupHandler({
      sesEndpoint: blockingSes?.url ?? stack.inboxUrl,
      region: process.env.AWS_REGION ?? 'us-east-1',
      accountsTable: process.env.ACCOUNTS_TABLE ?? 'signup-mailer-accounts',
      appUrl: stack.apiUrl,
      tokenSecret: process.env.TOKEN_SECRET ?? '',
      sender: process.env.MAIL_SENDER ?? 'no-reply@example.com',
    }),
    routes: ['POST /signup'],
  });
  const blockingUrl = `http://localhost:${await listenOn(blockingServer, 0, 'localhost')}`;
  try {
    const endpoints = {
      queued: { url: `${stack.apiUrl}/signup`, expectedStatus: 202 },
      blocking: { url: `${blockingUrl}/signup`, expectedStatus: 200 },
    } as const;
    const runLatency = async (
      name: keyof typeof endpoints,
      label: string,
      seconds: number,
      ratePerSecond = plan.ratePerSecond,
    ) => {
      const emailPrefix = `${name}-${label}-`;
      const requests = Math.round(ratePerSecond * seconds);
      const before = arrivals.count();
      const samples = await runLoad({
        mode: 'open',
        url: endpoints[name].url,
        ratePerSecond,
        requests,
        emailPrefix,
        timeoutMs: requestTimeoutMs,
      });
      await waitForDelivery(arrivals, before + samples.filter(([, , s]) => s < 300).length);
      return reduceLatencyRun(samples, { ...endpoints[name], emailPrefix, arrivals });
    };
    // Warm-up: JIT, connections, worker containers; not reported.
    await runLatency('queued', 'warm-up', 2);
    await runLatency('blocking', 'warm-up', 2);
    const queued: LatencyRun[] = [];
    const blocking: LatencyRun[] = [];
    const queuedLight: LatencyRun[] = [];
    // 30 requests per light run, at least 5 s.
    const lightSeconds = Math.max(5, 30 / plan.lightRatePerSecond);
    for (let round = 0; round < plan.rounds; round += 1) {
      queued.push(await runLatency('queued', `r${round}`, plan.durationSeconds));
      blocking.push(await runLatency('blocking', `r${round}`, plan.durationSeconds));
      queuedLight.push(
        await runLatency('queued', `light-r${round}`, lightSeconds, plan.lightRatePerSecond),
      );
      console.error(`  round ${round + 1}/${plan.rounds} done, load ${loadavg()[0]?.toFixed(2)}`);
    }
    const throughput = await runThroughput(plan, `${stack.apiUrl}/signup`, arrivals);
    return { queued, queuedLight, blocking, throughput };
  } finally {
    await closeServer(blockingServer);
    await blockingSes?.stop();
    await stack.stop();
  }
}

/** Waits until `expected` emails have arrived in all, or the timeout (ms) passes. */
async function waitForDelivery(
  arrivals: SesArrivals,
  expected: number,
  timeoutMs = deliveryTimeoutMs,
): Promise<void> {
  await arrivals.waitFor(expected, timeoutMs).catch((error: unknown) => {
    console.error(`  ${String(error)}`);
  });
}

async function runThroughput(
  plan: PipelinePlan,
  url: string,
  arrivals: SesArrivals,
): Promise<ThroughputRun> {
  const emailPrefix = 'throughput-';
  const load: LoadPlan = {
    mode: 'closed',
    url,
    requests: plan.signups,
    concurrency: plan.concurrency,
    emailPrefix,
    timeoutMs: requestTimeoutMs,
  };
  const before = arrivals.count();
  const samples = await runLoad(load);
  const accepted = samples.filter(([, , status]) => status === 202).length;
  // A backlog of thousands drains at tens of emails per second on a busy machine.
  await waitForDelivery(arrivals, before + accepted, Math.max(deliveryTimeoutMs, accepted * 25));
  const startedAt = Math.min(...samples.map(([sentAt]) => sentAt));
  const acceptedAt = Math.max(...samples.map(([, completedAt]) => completedAt));
  const delivered = samples
    .map((_, index) => arrivals.byRecipient.get(`${emailPrefix}${index}@example.com`))
    .filter((at): at is number => at !== undefined);
  const drainMs = Math.max(...delivered) - startedAt;
  return {
    signups: samples.length,
    errors: samples.length - accepted,
    acceptMs: acceptedAt - startedAt,
    drainMs,
    emailsPerSecond: (delivered.length * 1000) / drainMs,
    undelivered: accepted - (arrivals.count() - before),
  };
}

serveParent(runPipeline);
