/**
 * Bench part, in its own process: the synthesized Lambda bundles against the same handlers
 * bundled with `NodejsFunction` defaults. Synthesizes the stack with bundling through the
 * Lambda sandbox the bundle smoke test uses too (`bench/lambda-sandbox/`), then cold-starts
 * each bundle in a fresh Node process, `rounds` times, alternating tuned and default:
 * `require` of the bundle plus the first invocation. The events are the local stack's: the
 * API adapter's payload format 2.0 request and the event source mapping's SQS record.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toApiGatewayEvent } from '../../local/api-gateway/request-event.js';
import { toSqsRecord } from '../../local/event-source-mapping/sqs-record.js';
import { type BundleComposition, describeBundleComposition } from '../bundle-composition.js';
import { serveParent } from '../child-process.js';
import { bundleWithCdkDefaults } from '../default-bundle.js';
import { makeVerifyEmailJobs } from '../email-jobs.js';
import {
  copyBundle,
  invokeBundle,
  linkRuntimeProvidedModules,
} from '../lambda-sandbox/lambda-sandbox.js';
import { synthesizeStack } from '../lambda-sandbox/synthesize-stack.js';
import { readSynthesizedFunction } from '../lambda-sandbox/synthesized-function.js';
import { startBundleSandbox } from './bundle-sandbox.js';

/** What the bundles part is asked to run. */
export interface BundlesPlan {
  /** Cold starts per bundle. */
  readonly rounds: number;
  /** Where to write a CPU profile of every cold start; none when unset. */
  readonly profileDir?: string | undefined;
}

/** The figures of one function, tuned (the stack's) and with CDK's defaults. */
export interface FunctionBundles {
  readonly bytes: { readonly tuned: number; readonly default: number };
  /** `require` + first invocation, in ms, one per round. */
  readonly coldStartMs: { readonly tuned: number[]; readonly default: number[] };
  /** Of which the `require` alone, in ms. */
  readonly importMs: { readonly tuned: number[]; readonly default: number[] };
  /** CPU time of the same process from its first module to its exit, in ms. */
  readonly cpuMs: { readonly tuned: number[]; readonly default: number[] };
  /** The tuned bundle's bytes by package, largest first. */
  readonly composition: BundleComposition;
}

/** What the bundles part answers. */
export interface BundlesResult {
  readonly signup: FunctionBundles;
  readonly worker: FunctionBundles;
  /** Synthesis with bundling, in ms (not a target; shows what the bench spends). */
  readonly synthMs: number;
}

type Variant = 'tuned' | 'default';

const probe = join(dirname(fileURLToPath(import.meta.url)), 'cold-start-probe.cjs');

async function runBundles(plan: BundlesPlan): Promise<BundlesResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'signup-mailer-bench-'));
  const runtimeModulesDir = join(workDir, 'runtime', 'node_modules');
  try {
    const synthStarted = performance.now();
    const outdir = join(workDir, 'cdk.out');
    const { stack, template } = synthesizeStack({}, { bundle: true, outdir });
    const synthMs = performance.now() - synthStarted;
    mkdirSync(runtimeModulesDir, { recursive: true });
    linkRuntimeProvidedModules(runtimeModulesDir);
    const functions = {
      signup: {
        synthesized: readSynthesizedFunction(template, stack.signupApi.handler, outdir),
        folder: 'signup',
      },
      worker: {
        synthesized: readSynthesizedFunction(template, stack.emailQueue.worker, outdir),
        folder: 'send-email',
      },
    };
    const bundles: Record<string, Record<Variant, string>> = {};
    for (const [name, { synthesized, folder }] of Object.entries(functions)) {
      bundles[name] = {
        tuned: copyBundle(synthesized.assetDir, join(workDir, `task-${name}-tuned`)),
        default: await bundleWithCdkDefaults(folder, join(workDir, `task-${name}-default`)),
      };
    }
    if (plan.profileDir !== undefined) mkdirSync(plan.profileDir, { recursive: true });
    const sandbox = await startBundleSandbox();
    try {
      const coldStart = async (name: 'signup' | 'worker', variant: Variant, round: number) => {
        const event =
          name === 'signup'
            ? makeSignupEvent(`cold-${variant}-${round}@example.com`)
            : makeWorkerEvent(JSON.stringify(makeVerifyEmailJobs(1)[0]));
        // The stack's environment for its own bundle; NodejsFunction with defaults sets no
        // NODE_OPTIONS, whatever the stack adds there.
        const { NODE_OPTIONS: stackNodeOptions, ...functionEnvironment } = sandbox.environmentOf(
          name,
          functions[name].synthesized,
        );
        const nodeOptions = variant === 'tuned' ? (stackNodeOptions ?? '') : '';
        const cpuFile = join(workDir, `cpu-${name}-${variant}-${round}.json`);
        const invocation = await invokeBundle<unknown>({
          bundleFile: bundles[name]?.[variant] ?? '',
          event,
          runtimeModulesDir,
          workDir,
          environment: {
            ...functionEnvironment,
            NODE_OPTIONS: `${nodeOptions} --require ${probe}`.trim(),
            BENCH_CPU_FILE: cpuFile,
            ...(plan.profileDir === undefined
              ? {}
              : {
                  BENCH_PROFILE_FILE: join(
                    plan.profileDir,
                    `${name}-${variant}-${round}.cpuprofile`,
                  ),
                }),
          },
        });
        sandbox.check(name, invocation);
        const { cpuMs } = JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuMs: number };
        return { ...invocation, cpuMs };
      };
      const measure = async (name: 'signup' | 'worker'): Promise<FunctionBundles> => {
        const coldStartMs = { tuned: [] as number[], default: [] as number[] };
        const importMs = { tuned: [] as number[], default: [] as number[] };
        const cpuMs = { tuned: [] as number[], default: [] as number[] };
        for (let round = 0; round < plan.rounds; round += 1) {
          const order: Variant[] = round % 2 === 0 ? ['tuned', 'default'] : ['default', 'tuned'];
          for (const variant of order) {
            const invocation = await coldStart(name, variant, round);
            coldStartMs[variant].push((invocation.importMs ?? 0) + (invocation.invokeMs ?? 0));
            importMs[variant].push(invocation.importMs ?? 0);
            cpuMs[variant].push(invocation.cpuMs);
          }
        }
        const sizeOf = (variant: Variant) => statSync(bundles[name]?.[variant] ?? '').size;
        return {
          composition: await describeBundleComposition(functions[name].folder),
          bytes: { tuned: sizeOf('tuned'), default: sizeOf('default') },
          coldStartMs,
          importMs,
          cpuMs,
        };
      };
      // Untimed: the first spawn pays for the disk cache of node and the linked SDK.
      await coldStart('signup', 'default', -1);
      await coldStart('worker', 'default', -1);
      return { signup: await measure('signup'), worker: await measure('worker'), synthMs };
    } finally {
      await sandbox.stop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

serveParent(runBundles);

let clients = 0;

/**
 * A `POST /signup` as the local API (and API Gateway) hands it to the function, each from a
 * client of its own: the cold starts measure the whole path, the per-client limit's write
 * included, and more than ten of them would be refused from one address.
 */
function makeSignupEvent(email: string) {
  clients += 1;
  return toApiGatewayEvent(
    {
      method: 'POST',
      url: '/signup',
      headers: { host: ['localhost'], 'content-type': ['application/json'] },
      body: Buffer.from(JSON.stringify({ email, name: 'Ada' })),
      sourceIp: `127.0.${Math.floor(clients / 250)}.${(clients % 250) + 1}`,
      protocol: 'HTTP/1.1',
    },
    { routeKey: 'POST /signup' },
  );
}

/** One queued job as the event source mapping hands it to the worker. */
function makeWorkerEvent(body: string) {
  const message = { MessageId: randomUUID(), ReceiptHandle: 'bench', Body: body };
  const source = { queueArn: 'arn:aws:sqs:us-east-1:000000000000:email-jobs', region: 'us-east-1' };
  return { Records: [toSqsRecord(message, source)] };
}
