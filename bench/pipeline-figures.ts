import { budgets, type Figure } from './figures.js';
import type { BenchOptions } from './options.js';
import type { LatencyRun } from './parts/latency-run.js';
import type { PipelineResult } from './parts/pipeline.js';
import { summarizeRatios, summarizeRuns } from './stats.js';

const runsOf = <T>(runs: readonly T[], pick: (run: T) => number) => summarizeRuns(runs.map(pick));

/**
 * The local stack figures: request latency of both endpoints at the same rate and their
 * ratio, end-to-end latency, and the throughput run.
 *
 * @param result - the pipeline part's answer
 * @param options - the latency and light-load rates (requests per second), the added SES latency (ms)
 */
export function describePipeline(
  result: PipelineResult,
  options: Pick<BenchOptions, 'rate' | 'lightRate' | 'sesLatency'>,
): Figure[] {
  const { queued, queuedLight, blocking, throughput } = result;
  const ses = options.sesLatency > 0 ? `, SES +${options.sesLatency} ms` : '';
  const latency = `request latency at ${options.rate}/s${ses}`;
  const endToEnd = `end to end at ${options.rate}/s (request → SES emulator${ses})`;
  const light = `queued POST /signup at ${options.lightRate}/s (no backlog${ses})`;
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
      section: light,
      label: 'request p50',
      unit: 'ms',
      spread: runsOf(queuedLight, pick('p50Ms')),
    },
    {
      section: light,
      label: 'request p99',
      unit: 'ms',
      spread: runsOf(queuedLight, pick('p99Ms')),
    },
    {
      section: light,
      label: 'end to end p50',
      unit: 'ms',
      spread: runsOf(queuedLight, pick('endToEndP50Ms')),
      budget: budgets.endToEndP50Ms,
    },
    {
      section: light,
      label: 'end to end p99',
      unit: 'ms',
      spread: runsOf(queuedLight, pick('endToEndP99Ms')),
    },
    { section: light, label: 'errors + undelivered', unit: 'count', spread: errors(queuedLight) },
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
