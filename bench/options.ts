import { parseArgs } from 'node:util';

/** The bench's parts, in the order they run. */
export const benchParts = ['worker-cost', 'bundles', 'pipeline'] as const;

/** One of {@link benchParts}. */
export type BenchPart = (typeof benchParts)[number];

/** What `npm run bench -- [options]` was asked to do. */
export interface BenchOptions {
  /** Requests per second of the latency runs. @default 200 */
  readonly rate: number;
  /** Length of each latency run, in s. @default 5 */
  readonly duration: number;
  /**
   * Latency added to every SES call of both endpoints, in ms: the emulator answers in about
   * 1 ms, SES in tens of ms. @default 0
   */
  readonly sesLatency: number;
  /** Requests per second of the light-load run (end-to-end latency without backlog). @default 5 */
  readonly lightRate: number;
  /** Runs of each figure (latency runs per endpoint, cold starts per bundle, cost batches). @default 3 */
  readonly rounds: number;
  /** Cold starts of each bundle. @default 7 */
  readonly coldStarts: number;
  /** Signups of the throughput run (10,000, about 2 minutes on 2 cores). @default 10000 */
  readonly signups: number;
  /** Emails per worker-cost batch. @default 200 */
  readonly emails: number;
  /** The parts to run. @default all */
  readonly only: readonly BenchPart[];
  /** Where each part writes a V8 CPU profile (`node --cpu-prof`); none when unset. */
  readonly profileDir: string | undefined;
  /** Where the JSON report goes. @default bench/results/latest.json */
  readonly out: string;
}

/** The `--help` text. */
export const benchUsage = `Usage: npm run bench -- [options]
  --rate N         requests per second of the latency runs (default 200)
  --duration S     seconds of each latency run (default 5)
  --light-rate N   requests per second of the light-load run (default 5)
  --ses-latency MS add MS to every SES call, worker and blocking handler alike (default 0)
  --rounds N       runs of each figure (default 3)
  --cold-starts N  cold starts of each bundle (default 7)
  --signups N      signups of the throughput run (default 10000)
  --emails N       emails per worker-cost batch (default 200)
  --only LIST      comma-separated parts: ${benchParts.join(', ')} (default all)
  --profile DIR    write CPU profiles of each part to DIR/<part>/ (main thread: the largest;
                   one per cold start in DIR/cold-starts/)
  --out FILE       the JSON report (default bench/results/latest.json)
  --help           this text`;

/**
 * Reads the bench's command-line options.
 *
 * @param args - the arguments after the script name
 * @returns the options, defaults filled in
 * @throws RangeError with the usage text for an unknown option or a value out of range
 */
export function readBenchOptions(args: readonly string[]): BenchOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new RangeError(
      `${error instanceof Error ? error.message : String(error)}\n${benchUsage}`,
    );
  }
  const positive = (name: string, value: string | undefined, fallback: number) => {
    const number = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(number) || number <= 0) {
      throw new RangeError(`--${name} must be a positive number\n${benchUsage}`);
    }
    return number;
  };
  const nonNegative = (name: string, value: string | undefined) => {
    const number = value === undefined ? 0 : Number(value);
    if (!Number.isFinite(number) || number < 0) {
      throw new RangeError(`--${name} must be 0 or more\n${benchUsage}`);
    }
    return number;
  };
  const only = values.only === undefined ? [...benchParts] : values.only.split(',');
  const unknown = only.filter((part) => !(benchParts as readonly string[]).includes(part));
  if (unknown.length > 0) throw new RangeError(`Unknown part ${unknown.join(', ')}\n${benchUsage}`);
  return {
    rate: positive('rate', values.rate, 200),
    duration: positive('duration', values.duration, 5),
    lightRate: positive('light-rate', values['light-rate'], 5),
    sesLatency: nonNegative('ses-latency', values['ses-latency']),
    rounds: Math.round(positive('rounds', values.rounds, 3)),
    coldStarts: Math.round(positive('cold-starts', values['cold-starts'], 7)),
    signups: Math.round(positive('signups', values.signups, 10_000)),
    emails: Math.round(positive('emails', values.emails, 200)),
    only: only as BenchPart[],
    profileDir: values.profile,
    out: values.out ?? 'bench/results/latest.json',
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      'light-rate': { type: 'string' },
      'ses-latency': { type: 'string' },
      rounds: { type: 'string' },
      'cold-starts': { type: 'string' },
      signups: { type: 'string' },
      emails: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
}
