/** `npm run chaos`: the whole local stack under faults, and what came out; see `--help`. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatChaosReport, judgeChaos, type ScenarioOutcome } from '../chaos/chaos-report.js';
import { type ChaosScenario, chaosScenarios, startChaosStack } from '../chaos/chaos-stack.js';
import { runChaos } from '../chaos/run-chaos.js';
import { resolveFaultSettings } from '../faults/fault-settings.js';
import { localStackEnvironment } from '../stack.js';
import { runCommand } from './command.js';

runCommand({
  name: 'chaos',
  usage: '[-- --signups <n>] [--scenario <name>] [--seed <n>] [--json]',
  description: [
    'Runs the whole local stack (on free ports) under faults and prints what came out.',
    '  after-record     10% SES throttling, 2% SES 5xx, 1% rejected recipients, 2% worker kills',
    '                   after the send is recorded, 2% malformed queue bodies: expect no',
    '                   duplicate, nothing lost.',
    '  residual-window  the same, but the kills fall between SES accepting an email and the',
    '                   record (1% of sends): each such kill may cause one duplicate.',
    'Without --scenario both run, one after the other, each in its own process. Exits 1 when',
    'a run lost an email or broke its duplicate bound.',
  ].join('\n'),
  options: {
    signups: {
      type: 'string',
      value: '<n>',
      default: '10000',
      description: 'signups per run; the default takes minutes a run (about 14 on 2 cores)',
    },
    scenario: {
      type: 'string',
      value: '<name>',
      description: `${Object.keys(chaosScenarios).join(' or ')} (default both)`,
    },
    seed: {
      type: 'string',
      value: '<n>',
      description: 'seed of the faults, to replay a run (default the clock)',
    },
    json: { type: 'boolean', description: 'print the outcome as JSON' },
  },
  // Its handlers log errors only: POWERTOOLS_LOG_LEVEL does not apply.
  environment: Object.fromEntries(
    Object.entries(localStackEnvironment).filter(([name]) => name !== 'POWERTOOLS_LOG_LEVEL'),
  ),
  async run(values) {
    const signups = Number(values.signups);
    const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
    if (!Number.isInteger(signups) || signups < 1 || !Number.isInteger(seed)) {
      console.error('--signups and --seed must be whole numbers');
      return 2;
    }
    const scenario = values.scenario;
    if (scenario !== undefined && !isScenario(scenario)) {
      console.error(`--scenario must be one of ${Object.keys(chaosScenarios).join(', ')}`);
      return 2;
    }
    const outcomes: ScenarioOutcome[] =
      scenario === undefined
        ? [
            await runInChildProcess('after-record', signups, seed),
            await runInChildProcess('residual-window', signups, seed),
          ]
        : [await runScenario(scenario, signups, seed)];
    if (values.json) console.log(JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes));
    else for (const outcome of outcomes) console.log(formatChaosReport(outcome));
    return outcomes.every((outcome) => judgeChaos(outcome).length === 0) ? 0 : 1;
  },
});

function isScenario(name: string): name is ChaosScenario {
  return name in chaosScenarios;
}

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

/** Runs one scenario in a fresh process of this command (a process runs one local stack). */
function runInChildProcess(scenario: ChaosScenario, signups: number, seed: number) {
  const args = ['--scenario', scenario, '--signups', String(signups), '--seed', String(seed)];
  return new Promise<ScenarioOutcome>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ...args, '--json'],
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
