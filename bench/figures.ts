import type { BundlesResult, FunctionBundles } from './parts/bundles.js';
import type { LatencyRun } from './parts/latency-run.js';
import type { PipelineResult } from './parts/pipeline.js';
import type { WorkerCostResult } from './parts/worker-cost.js';
import { type Spread, summarizeRatios, summarizeRuns } from './stats.js';

/** A target a figure is held to, checked on its median. */
export interface Budget {
  /** How the target reads in the table, e.g. `≤ 0.25`. */
  readonly text: string;
  readonly test: (median: number) => boolean;
}

/** One line of the report. */
export interface Figure {
  /** Section of the table, e.g. `request latency`. */
  readonly section: string;
  readonly label: string;
  readonly unit: string;
  readonly spread: Spread;
  readonly budget?: Budget;
}

/** The targets (issue 7), in one place. */
export const budgets = {
  workerCostRatio: { text: '≤ 0.25', test: (ratio) => ratio <= 0.25 },
  /** In KB (1 KB = 1000 bytes), the unit of the size figures. */
  workerBundleKb: { text: '≤ 300 KB', test: (size) => size <= 300 },
  workerBundleRatio: { text: '≤ 0.33', test: (ratio) => ratio <= 1 / 3 },
  coldStartRatio: { text: '≤ 0.6', test: (ratio) => ratio <= 0.6 },
  endToEndP50Ms: { text: '< 50 ms', test: (ms) => ms < 50 },
  requestP99Ms: { text: '< 20 ms', test: (ms) => ms < 20 },
} as const satisfies Record<string, Budget>;

const kb = (bytes: number) => bytes / 1000;
const runsOf = <T>(runs: readonly T[], pick: (run: T) => number) => summarizeRuns(runs.map(pick));

/**
 * The worker-cost figures: CPU ms per email of the worker and of the naive baseline, and
 * their ratio per round.
 */
export function describeWorkerCost(result: WorkerCostResult): Figure[] {
  const section = 'worker CPU per email';
  return [
    {
      section,
      label: 'worker (validate, render, command)',
      unit: 'ms',
      spread: summarizeRuns(result.workerMs),
    },
    {
      section,
      label: 'naive baseline (render twice)',
      unit: 'ms',
      spread: summarizeRuns(result.baselineMs),
    },
    {
      section,
      label: 'worker / baseline',
      unit: '×',
      spread: summarizeRatios(result.workerMs, result.baselineMs),
      budget: budgets.workerCostRatio,
    },
  ];
}

function describeFunctionBundles(
  name: string,
  bundles: FunctionBundles,
  isWorker: boolean,
): Figure[] {
  const single = (value: number) => summarizeRuns([value]);
  const section = `${name} bundle`;
  return [
    {
      section,
      label: 'size, tuned (the stack)',
      unit: 'KB',
      spread: single(kb(bundles.bytes.tuned)),
      ...(isWorker ? { budget: budgets.workerBundleKb } : {}),
    },
    {
      section,
      label: 'size, NodejsFunction defaults',
      unit: 'KB',
      spread: single(kb(bundles.bytes.default)),
    },
    {
      section,
      label: 'size, tuned / defaults',
      unit: '×',
      spread: single(bundles.bytes.tuned / bundles.bytes.default),
      ...(isWorker ? { budget: budgets.workerBundleRatio } : {}),
    },
    {
      section,
      label: 'cold import + first invoke, tuned',
      unit: 'ms',
      spread: summarizeRuns(bundles.coldStartMs.tuned),
    },
    {
      section,
      label: 'cold import + first invoke, defaults',
      unit: 'ms',
      spread: summarizeRuns(bundles.coldStartMs.default),
    },
    {
      section,
      label: 'cold start, tuned / defaults',
      unit: '×',
      spread: summarizeRatios(bundles.coldStartMs.tuned, bundles.coldStartMs.default),
      budget: budgets.coldStartRatio,
    },
  ];
}

/** The bundle figures of both functions: sizes, cold starts and their ratios. */
export function describeBundles(result: BundlesResult): Figure[] {
  return [
    ...describeFunctionBundles('signup', result.signup, false),
    ...describeFunctionBundles('worker', result.worker, true),
  ];
}

/**
 * The local stack figures: request latency of both endpoints at the same rate and their
 * ratio, end-to-end latency, and the throughput run.
 *
 * @param result - the pipeline part's answer
 * @param rate - the latency runs' rate, requests per second
 */
export function describePipeline(result: PipelineResult, rate: number): Figure[] {
  const { queued, blocking, throughput } = result;
  const latency = `request latency at ${rate}/s`;
  const endToEnd = `end to end at ${rate}/s (request → SES emulator)`;
  const pick = (key: keyof LatencyRun) => (run: LatencyRun) => run[key];
  const errors = (runs: readonly LatencyRun[]) =>
    runsOf(runs, (run) => run.errors + run.undelivered);
  const single = (value: number) => summarizeRuns([value]);
  const section = `throughput (${throughput.signups} signups, 1 run)`;
  return [
    {
      section: latency,
      label: 'queued POST /signup p50',
      unit: 'ms',
      spread: runsOf(queued, pick('p50Ms')),
    },
    {
      section: latency,
      label: 'queued POST /signup p99',
      unit: 'ms',
      spread: runsOf(queued, pick('p99Ms')),
      budget: budgets.requestP99Ms,
    },
    {
      section: latency,
      label: 'queued errors + undelivered',
      unit: 'count',
      spread: errors(queued),
    },
    {
      section: latency,
      label: 'blocking handler p50',
      unit: 'ms',
      spread: runsOf(blocking, pick('p50Ms')),
    },
    {
      section: latency,
      label: 'blocking handler p99',
      unit: 'ms',
      spread: runsOf(blocking, pick('p99Ms')),
    },
    { section: latency, label: 'blocking errors', unit: 'count', spread: errors(blocking) },
    {
      section: latency,
      label: 'blocking / queued p50',
      unit: '×',
      spread: summarizeRatios(blocking.map(pick('p50Ms')), queued.map(pick('p50Ms'))),
    },
    {
      section: latency,
      label: 'blocking / queued p99',
      unit: '×',
      spread: summarizeRatios(blocking.map(pick('p99Ms')), queued.map(pick('p99Ms'))),
    },
    {
      section: endToEnd,
      label: 'queued p50',
      unit: 'ms',
      spread: runsOf(queued, pick('endToEndP50Ms')),
      budget: budgets.endToEndP50Ms,
    },
    {
      section: endToEnd,
      label: 'queued p99',
      unit: 'ms',
      spread: runsOf(queued, pick('endToEndP99Ms')),
    },
    {
      section: endToEnd,
      label: 'blocking p50',
      unit: 'ms',
      spread: runsOf(blocking, pick('endToEndP50Ms')),
    },
    {
      section: endToEnd,
      label: 'blocking p99',
      unit: 'ms',
      spread: runsOf(blocking, pick('endToEndP99Ms')),
    },
    {
      section,
      label: 'accepted (last 202)',
      unit: 's',
      spread: single(throughput.acceptMs / 1000),
    },
    {
      section,
      label: 'drained (last email)',
      unit: 's',
      spread: single(throughput.drainMs / 1000),
    },
    { section, label: 'emails per second', unit: '/s', spread: single(throughput.emailsPerSecond) },
    {
      section,
      label: 'errors + undelivered',
      unit: 'count',
      spread: single(throughput.errors + throughput.undelivered),
    },
  ];
}
