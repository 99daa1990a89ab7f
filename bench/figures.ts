import type { BundlesResult, FunctionBundles } from './parts/bundles.js';
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

/**
 * The targets, in one place: the worker's from issue 12 (rendering at send time), the rest
 * from issue 7. The worker's cold start has none: no person waits on it.
 */
export const budgets = {
  workerCostRatio: { text: '≤ 0.5', test: (ratio) => ratio <= 0.5 },
  workerCostMs: { text: '< 5 ms', test: (ms) => ms < 5 },
  /** In KB (1 KB = 1000 bytes), the unit of the size figures. */
  workerBundleKb: { text: '< 800 KB', test: (size) => size < 800 },
  coldStartRatio: { text: '≤ 0.6', test: (ratio) => ratio <= 0.6 },
  endToEndP50Ms: { text: '< 50 ms', test: (ms) => ms < 50 },
  requestP99Ms: { text: '< 20 ms', test: (ms) => ms < 20 },
} as const satisfies Record<string, Budget>;

const kb = (bytes: number) => bytes / 1000;

/**
 * The worker-cost figures: CPU ms per email of the worker and of React Email's naive use,
 * and their ratio per round.
 */
export function describeWorkerCost(result: WorkerCostResult): Figure[] {
  const section = 'worker CPU per email';
  return [
    {
      section,
      label: 'worker (validate, render once + toPlainText, command)',
      unit: 'ms',
      spread: summarizeRuns(result.workerMs),
      budget: budgets.workerCostMs,
    },
    {
      section,
      label: 'naive (render twice, React development build)',
      unit: 'ms',
      spread: summarizeRuns(result.naiveMs),
    },
    {
      section,
      label: 'worker / naive',
      unit: '×',
      spread: summarizeRatios(result.workerMs, result.naiveMs),
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
      ...(isWorker ? {} : { budget: budgets.coldStartRatio }),
    },
    {
      section,
      label: 'cold start CPU time, tuned',
      unit: 'ms',
      spread: summarizeRuns(bundles.cpuMs.tuned),
    },
    {
      section,
      label: 'cold start CPU time, defaults',
      unit: 'ms',
      spread: summarizeRuns(bundles.cpuMs.default),
    },
    {
      section,
      label: 'cold start CPU time, tuned / defaults',
      unit: '×',
      spread: summarizeRatios(bundles.cpuMs.tuned, bundles.cpuMs.default),
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
