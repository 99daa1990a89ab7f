/**
 * `npm run bench -- [options]`: measures the pipeline on this machine and holds it to the
 * targets of issue 7. Each part runs in a fresh Node process, one after the other:
 *
 * - worker-cost: CPU time per email of the worker (React's production build, one render)
 *   against React Email's naive use (development build, two renders);
 * - bundles: the synthesized bundles against `NodejsFunction` defaults, size and cold start;
 * - pipeline: the local stack under open-loop load (queued `POST /signup` against a
 *   blocking handler at the same rate), end-to-end latency, then a throughput run.
 *
 * Prints a table (median, min–max over the runs, target, PASS/FAIL) and writes it with
 * every run's figures to `bench/results/latest.json`. Exits 1 when a target is missed.
 * `--help` lists the options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildOptions, runInChild } from './child-process.js';
import { describeBundles, describeWorkerCost, type Figure } from './figures.js';
import { type BenchOptions, type BenchPart, benchUsage, readBenchOptions } from './options.js';
import type { BundlesPlan, BundlesResult } from './parts/bundles.js';
import type { PipelinePlan, PipelineResult } from './parts/pipeline.js';
import type {
  WorkerCostBatch,
  WorkerCostPlan,
  WorkerCostResult,
  WorkerCostVariant,
} from './parts/worker-cost.js';
import { describePipeline } from './pipeline-figures.js';
import { formatTable, judgeFigure } from './table.js';

const partsDir = join(dirname(fileURLToPath(import.meta.url)), 'parts');
// The SDK's notice that it will need Node 22 (Lambda runs 22) would fill the output.
const quietSdk = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

interface PartReport {
  readonly part: BenchPart;
  readonly seconds: number;
  /** 1-minute load average before and after the part (`uptime`). */
  readonly load: readonly [number, number];
  readonly result: unknown;
  readonly figures: Figure[];
}

async function runPart(part: BenchPart, options: BenchOptions): Promise<PartReport> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const childOptions = (environment: Record<string, string> = {}) => ({
    environment: { ...quietSdk, ...environment },
    nodeOptions: options.profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profileDir, part)}`]
      : [],
  });
  let result: unknown;
  let figures: Figure[];
  if (part === 'worker-cost') {
    const cost = await measureWorkerCost(options, (variant) =>
      childOptions({ NODE_ENV: variant === 'worker' ? 'production' : 'development' }),
    );
    [result, figures] = [cost, describeWorkerCost(cost)];
  } else if (part === 'bundles') {
    const bundles = await runInChild<BundlesPlan, BundlesResult>(
      join(partsDir, 'bundles.ts'),
      {
        rounds: options.coldStarts,
        profileDir: options.profileDir && resolve(options.profileDir, 'cold-starts'),
      },
      childOptions(),
    );
    [result, figures] = [bundles, describeBundles(bundles)];
  } else {
    const plan: PipelinePlan = {
      ratePerSecond: options.rate,
      durationSeconds: options.duration,
      lightRatePerSecond: options.lightRate,
      sesLatencyMs: options.sesLatency,
      rounds: options.rounds,
      signups: options.signups,
      concurrency: 32,
      sendRatePerSecond: 1000,
      // As in AWS, where they never share a CPU with the API: the worker in its own process
      // (at a lower priority), as the local stack runs each emulator in its own.
      workerIsolation: 'process',
    };
    // Production builds, as the bundles have NODE_ENV inlined: the blocking handler renders
    // with React, whose development build is several times slower.
    const pipeline = await runInChild<PipelinePlan, PipelineResult>(
      join(partsDir, 'pipeline.ts'),
      plan,
      childOptions({ NODE_ENV: 'production' }),
    );
    [result, figures] = [pipeline, describePipeline(pipeline, options)];
  }
  return {
    part,
    seconds: (performance.now() - started) / 1000,
    load: [loadBefore, loadavg()[0] ?? 0],
    result,
    figures,
  };
}

/**
 * Times one batch of each worker-cost variant per round, each in a fresh process (React's
 * build is chosen by `NODE_ENV` at load), alternating which goes first.
 */
async function measureWorkerCost(
  options: BenchOptions,
  childOptionsOf: (variant: WorkerCostVariant) => ChildOptions,
): Promise<WorkerCostResult> {
  const batches = { worker: [] as WorkerCostBatch[], naive: [] as WorkerCostBatch[] };
  for (let round = 0; round < options.rounds; round += 1) {
    const order: WorkerCostVariant[] = round % 2 === 0 ? ['worker', 'naive'] : ['naive', 'worker'];
    for (const variant of order) {
      batches[variant].push(
        await runInChild<WorkerCostPlan, WorkerCostBatch>(
          join(partsDir, 'worker-cost.ts'),
          { variant, emailsPerBatch: options.emails },
          childOptionsOf(variant),
        ),
      );
    }
  }
  return {
    workerMs: batches.worker.map((batch) => batch.cpuMsPerEmail),
    naiveMs: batches.naive.map((batch) => batch.cpuMsPerEmail),
    bodyChars: {
      worker: batches.worker[0]?.bodyChars ?? 0,
      naive: batches.naive[0]?.bodyChars ?? 0,
    },
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(benchUsage);
    return 0;
  }
  const options = readBenchOptions(args);
  const startedAt = new Date();
  console.log(
    `signup-mailer bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const reports: PartReport[] = [];
  for (const part of options.only) {
    console.log(`running ${part}…`);
    reports.push(await runPart(part, options));
  }
  const figures = reports.flatMap((report) => report.figures);
  console.log('');
  console.log(formatTable(figures));
  console.log('');
  const bundles = reports.find((report) => report.part === 'bundles')?.result as
    | BundlesResult
    | undefined;
  for (const name of ['signup', 'worker'] as const) {
    const parts = bundles?.[name].composition.slice(0, 8) ?? [];
    if (parts.length === 0) continue;
    const list = parts.map(({ source, bytes }) => `${source} ${(bytes / 1000).toFixed(0)}`);
    console.log(`${name} bundle, largest parts (KB): ${list.join(', ')}`);
  }
  for (const report of reports) {
    console.log(
      `${report.part}: ${report.seconds.toFixed(0)} s, load ${report.load.map((l) => l.toFixed(2)).join(' → ')}`,
    );
  }
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(
    resolve(options.out),
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
        options,
        figures: figures.map((figure) => ({
          section: figure.section,
          label: figure.label,
          unit: figure.unit,
          ...figure.spread,
          target: figure.budget?.text,
          verdict: judgeFigure(figure),
        })),
        parts: reports,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${options.out}`);
  return figures.some((figure) => judgeFigure(figure) === 'FAIL') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
