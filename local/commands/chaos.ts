/**
 * `npm run chaos [-- --signups 10000] [--scenario after-record|residual-window] [--json]`:
 * runs the whole local stack under faults and prints what came out.
 *
 * - `after-record`: 10% SES throttling, 2% SES 5xx, 1% rejected recipients, 2% worker kills
 *   after the send is recorded, 2% malformed queue bodies. Expect no duplicate, nothing lost.
 * - `residual-window`: the same, but the kills fall between SES accepting an email and the
 *   record (1% of sends). Each such kill may cause one duplicate: the guarantee's limit.
 *
 * Without `--scenario` both run, one after the other, each in its own process (a process
 * runs one local stack). Exits 1 when a run lost an email or broke its duplicate bound.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatChaosReport, judgeChaos, type ScenarioOutcome } from '../chaos/chaos-report.js';
import { type ChaosScenario, chaosScenarios, startChaosStack } from '../chaos/chaos-stack.js';
import { runChaos } from '../chaos/run-chaos.js';
import { resolveFaultSettings } from '../faults/fault-settings.js';

async function runScenario(
  scenario: ChaosScenario,
  signups: number,
  seed: number,
): Promise<ScenarioOutcome> {
  const faults = resolveFaultSettings({ ...chaosScenarios[scenario], seed });
  const stack = await startChaosStack(faults);
  try {
    const result = await runChaos(stack, {
      signups,
      malformedFraction: 0.02,
      faults,
      concurrency: 20,
      drainTimeoutMs: 30 * 60_000,
      onProgress: (message) => console.error(`[${scenario}] ${message}`),
    });
    return { scenario, signups, seed, result, faults: stack.faultReport() };
  } finally {
    await stack.stop();
  }
}

/** Runs one scenario in a fresh process of this script; resolves to its JSON result. */
function runInChildProcess(scenario: ChaosScenario, signups: number, seed: number) {
  return new Promise<ScenarioOutcome>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--scenario',
        scenario,
        '--signups',
        String(signups),
        '--seed',
        String(seed),
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(output) as ScenarioOutcome);
      } catch {
        reject(new Error(`The ${scenario} run failed (exit ${code})`));
      }
    });
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      signups: { type: 'string', default: '10000' },
      scenario: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run chaos [-- --signups N] [--scenario after-record|residual-window] [--seed N] [--json]',
    );
    return 0;
  }
  const signups = Number(values.signups);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(signups) || signups < 1 || !Number.isInteger(seed)) {
    console.error('--signups and --seed must be whole numbers');
    return 2;
  }
  if (values.scenario !== undefined && !(values.scenario in chaosScenarios)) {
    console.error(`--scenario must be one of ${Object.keys(chaosScenarios).join(', ')}`);
    return 2;
  }
  const outcomes: ScenarioOutcome[] =
    values.scenario === undefined
      ? [
          await runInChildProcess('after-record', signups, seed),
          await runInChildProcess('residual-window', signups, seed),
        ]
      : [await runScenario(values.scenario as ChaosScenario, signups, seed)];
  if (values.json) console.log(JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes));
  else for (const outcome of outcomes) console.log(formatChaosReport(outcome));
  return outcomes.every((outcome) => judgeChaos(outcome).length === 0) ? 0 : 1;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(`npm run chaos failed: ${String(error)}`);
    process.exit(1);
  },
);
