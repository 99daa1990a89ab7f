import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Root of the repository (holds package.json and package-lock.json). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Absolute path of a function's entry file, `functions/<name>/index.ts`.
 *
 * @param name - the function's folder under `functions/`, e.g. `signup`
 */
export function resolveFunctionEntry(name: string): string {
  return join(projectRoot, 'functions', name, 'index.ts');
}

/** Modules the Lambda Node.js 22 runtime provides itself (the AWS SDK for JavaScript v3). */
export const runtimeProvidedModules: readonly string[] = ['@aws-sdk/*'];

/**
 * Modules left out of every bundle although the code names them, because no function runs
 * the code that loads them: prettier (about 250 KB minified), which `@react-email/render`
 * 2.3 imports only inside its `pretty` option; the worker never asks for pretty HTML. A
 * call to `pretty` would fail with "Cannot find module 'prettier/standalone'".
 */
export const neverLoadedModules: readonly string[] = ['prettier'];

/**
 * Bundling options shared by every function of the stack.
 *
 * - Local esbuild only (`forceDockerBundling: false`): there is no Docker on the build machines.
 * - CommonJS: esbuild's CJS output runs as is; ESM output would need a `require` shim
 *   for the CommonJS dependencies React Email pulls in (`Dynamic require of "util"`).
 * - `NODE_ENV=production` is inlined so React's development build is dropped at bundle time.
 * - Source maps without sources content: stack traces map to `file:line`, the map stays small.
 * - External: the runtime's AWS SDK, and {@link neverLoadedModules}.
 */
export const sharedBundlingOptions = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  externalModules: [...runtimeProvidedModules, ...neverLoadedModules],
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/** Properties of {@link createNodeFunction}. */
export interface NodeFunctionProps {
  /** Absolute path of the entry file (see {@link resolveFunctionEntry}). */
  readonly entry: string;
  /** Human-readable description shown in the Lambda console. */
  readonly description: string;
  /** Lambda timeout, in seconds. */
  readonly timeoutSeconds: number;
  /** Lambda memory, in MB. */
  readonly memorySizeMb: number;
  /** Environment variables of the function (NODE_OPTIONS is added). */
  readonly environment: Readonly<Record<string, string>>;
  /** Retention of the function's log group. */
  readonly logRetention: RetentionDays;
}

/**
 * Creates a Node.js 22, arm64 Lambda function bundled by the local esbuild, with its own
 * log group (retention set), X-Ray active tracing, and an execution role that may only write
 * to that log group and send its traces.
 *
 * Why an explicit role: the default one carries the AWSLambdaBasicExecutionRole managed
 * policy, which lets the function create log groups and write to any of them.
 *
 * @param scope - the construct to add the function to
 * @param id - construct id; the log group and role are `<id>LogGroup` and `<id>Role`
 * @param props - see {@link NodeFunctionProps}
 * @returns the function; grant it further permissions where it is used
 */
export function createNodeFunction(
  scope: Construct,
  id: string,
  props: NodeFunctionProps,
): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}LogGroup`, {
    retention: props.logRetention,
    // The logs expire after the retention period anyway; a deleted stack leaves no orphan group.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of ${id}`,
  });
  logGroup.grantWrite(role);

  return new NodejsFunction(scope, id, {
    entry: props.entry,
    handler: 'handler',
    description: props.description,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    timeout: Duration.seconds(props.timeoutSeconds),
    memorySize: props.memorySizeMb,
    role,
    logGroup,
    projectRoot,
    depsLockFilePath: join(projectRoot, 'package-lock.json'),
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    bundling: sharedBundlingOptions,
    // X-Ray active tracing: Lambda samples invocations and the Powertools Tracer on the SDK
    // clients (functions/commons/clients/tracer.ts) adds each AWS call as a subsegment.
    tracing: Tracing.ACTIVE,
  });
}
