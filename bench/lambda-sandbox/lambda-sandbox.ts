import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { projectRoot } from '../../lib/node-function.js';

const run = promisify(execFile);
const projectModules = join(projectRoot, 'node_modules');
const runners = new Map<string, Promise<string>>();

/**
 * Package scopes the Lambda Node.js 22 runtime ships in its own `node_modules` (the AWS SDK
 * for JavaScript v3 and its Smithy core); their dependencies come along (see below).
 */
export const runtimeProvidedScopes = ['@aws-sdk', '@smithy', '@aws-crypto', '@aws'] as const;

/**
 * Fills `targetDir` with links to the packages the Lambda Node.js runtime provides: every
 * package of {@link runtimeProvidedScopes} plus, transitively, what they depend on
 * (`tslib`, `fast-xml-parser`, `strnum`, `bowser`, ...). Nothing else, so a bundle that
 * left a dependency out fails here as it would in Lambda.
 *
 * @param targetDir - an empty directory, used as the runner's NODE_PATH
 * @returns the names of the linked packages
 */
export function linkRuntimeProvidedModules(targetDir: string): string[] {
  const pending = runtimeProvidedScopes.flatMap((scope) =>
    existsSync(join(projectModules, scope))
      ? readdirSync(join(projectModules, scope)).map((name) => `${scope}/${name}`)
      : [],
  );
  const linked = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const packageDir = join(projectModules, name);
    if (linked.has(name) || !existsSync(join(packageDir, 'package.json'))) continue;
    linked.add(name);
    const manifest: unknown = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    for (const dependency of dependencyNames(manifest)) {
      // A copy nested in the package travels with it through the link.
      if (!existsSync(join(packageDir, 'node_modules', dependency))) pending.push(dependency);
    }
  }
  for (const name of linked) {
    mkdirSync(dirname(join(targetDir, name)), { recursive: true });
    symlinkSync(join(projectModules, name), join(targetDir, name), 'dir');
  }
  return [...linked].sort();
}

function dependencyNames(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null) return [];
  const record = manifest as Record<string, unknown>;
  return ['dependencies', 'optionalDependencies'].flatMap((field) => {
    const value = record[field];
    return typeof value === 'object' && value !== null ? Object.keys(value) : [];
  });
}

/**
 * Copies a synthesized asset's `index.js` and `index.js.map` into `taskDir` (Lambda's
 * /var/task), so no `node_modules` of the project is on the bundle's resolution path.
 *
 * @param assetDir - `cdk.out/asset.<hash>`
 * @param taskDir - an empty directory outside the project
 * @returns the path of the copied `index.js`
 */
export function copyBundle(assetDir: string, taskDir: string): string {
  mkdirSync(taskDir, { recursive: true });
  for (const file of ['index.js', 'index.js.map']) {
    copyFileSync(join(assetDir, file), join(taskDir, file));
  }
  return join(taskDir, 'index.js');
}

/**
 * Tells whether a module resolves from a task directory with only the runtime's modules on
 * NODE_PATH, as the bundle would see it; checks that the sandbox really hides the project.
 *
 * @param taskDir - the directory holding the copied bundle
 * @param runtimeModulesDir - the directory made by {@link linkRuntimeProvidedModules}
 * @param moduleName - e.g. `zod` or `@aws-sdk/client-sqs`
 */
export async function canResolveFromTask(
  taskDir: string,
  runtimeModulesDir: string,
  moduleName: string,
): Promise<boolean> {
  const script = `require.resolve(${JSON.stringify(moduleName)}, { paths: [process.cwd()] })`;
  try {
    await run(process.execPath, ['-e', script], {
      cwd: taskDir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_PATH: runtimeModulesDir },
    });
    return true;
  } catch {
    return false;
  }
}

/** One invocation of a bundle in a fresh Node process. */
export interface BundleInvocation<TResult> {
  /** `require` of the bundle, in ms (cold start of the module). */
  readonly importMs?: number;
  /** The first invocation of the handler, in ms. */
  readonly invokeMs?: number;
  /** Spawn to exit of the whole process, in ms (includes Node's own start). */
  readonly processMs: number;
  readonly result?: TResult;
  /** The error the import or handler threw, with its stack. */
  readonly error?: string;
  /** What the function logged. */
  readonly output: string;
}

/** Options of {@link invokeBundle}. */
export interface InvokeBundleOptions {
  /** The copied `index.js` ({@link copyBundle}). */
  readonly bundleFile: string;
  /** The event, written to a file the runner reads. */
  readonly event: unknown;
  /** The function's environment; the runner gets nothing else from this process. */
  readonly environment: Readonly<Record<string, string>>;
  /** The directory made by {@link linkRuntimeProvidedModules}. */
  readonly runtimeModulesDir: string;
  /** Where to write the event and result files. */
  readonly workDir: string;
}

/**
 * Bundles `lambda-runner.ts` into one CommonJS file in a work directory, once: the runner
 * then starts as plain JavaScript that needs nothing from the project's `node_modules`.
 */
function bundleRunner(workDir: string): Promise<string> {
  const outfile = join(workDir, 'lambda-runner.cjs');
  const runner =
    runners.get(workDir) ??
    build({
      entryPoints: [fileURLToPath(new URL('lambda-runner.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    }).then(() => outfile);
  runners.set(workDir, runner);
  return runner;
}

/**
 * Runs the bundled `lambda-runner.ts` in a fresh process on the bundle, with a Lambda-like
 * environment, and returns its result and timings.
 *
 * @param options - see {@link InvokeBundleOptions}
 */
export async function invokeBundle<TResult>(
  options: InvokeBundleOptions,
): Promise<BundleInvocation<TResult>> {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const eventFile = join(options.workDir, `event-${id}.json`);
  const resultFile = join(options.workDir, `result-${id}.json`);
  writeFileSync(eventFile, JSON.stringify(options.event));
  const args = [await bundleRunner(options.workDir), options.bundleFile, eventFile, resultFile];
  const started = performance.now();
  const { stdout, stderr } = await run(process.execPath, args, {
    cwd: dirname(options.bundleFile),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_PATH: options.runtimeModulesDir,
      LAMBDA_TASK_ROOT: dirname(options.bundleFile),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: 'test',
      TZ: ':UTC',
      ...options.environment,
    },
    timeout: 60_000,
  });
  const processMs = performance.now() - started;
  const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<
    BundleInvocation<TResult>,
    'processMs' | 'output'
  >;
  return { ...outcome, processMs, output: `${stdout}${stderr}` };
}
