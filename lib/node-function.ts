import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeTraceUpload } from './nag-suppressions.js';

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
 * Where a function's AWS SDK for JavaScript v3 comes from: `bundled` into its `index.js`, or
 * the copy the Lambda Node.js 22 runtime provides (`runtime`, left external).
 */
export type AwsSdkSource = 'bundled' | 'runtime';

/**
 * The AWS SDK source of each function (folder under `functions/`); others use `runtime`.
 *
 * Why the API function bundles its SDK: its cold start is a person waiting for the answer.
 * Loading the runtime's copy means resolving, reading and compiling some 200 files of
 * `@aws-sdk/*` and `@smithy/*`: about 210 ms of the 460 ms of CPU of its cold start
 * (`npm run bench -- --only bundles --profile`). Bundled, minified and tree-shaken to what
 * the function calls, the same SDK costs about 125 ms, compiling the larger bundle included.
 * The AWS SDK team recommends bundling for cold starts (AWS Developer Tools Blog, "Reduce
 * Lambda cold start times: migrate to AWS SDK for JavaScript v3"; aws/aws-cdk#25492 on
 * NodejsFunction's default). Why the worker does not: its bundle has a 300 KB budget, and the
 * SDK for SQS, SES v2 and DynamoDB takes it from 271 KB to 586 KB, for a cold start 0.8× the
 * default bundle's instead of 0.95×.
 */
export const awsSdkSources: Readonly<Record<string, AwsSdkSource>> = { signup: 'bundled' };

/**
 * Credential providers a bundled SDK imports only (by `import()`) when the environment holds no
 * credentials. Lambda always sets the execution role's keys there, so they stay external
 * (about 130 KB with the STS and SSO clients they pull in, aws/aws-sdk-js-v3#5516); were
 * one ever asked for, the runtime's copy would answer.
 */
export const lazyCredentialProviders: readonly string[] = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@smithy/credential-provider-imds',
];

/**
 * Bundling options shared by every function of the stack.
 *
 * - Local esbuild only (`forceDockerBundling: false`): there is no Docker on the build machines.
 * - CommonJS: esbuild's CJS output runs as is; ESM output would need a `require` shim
 *   for CommonJS dependencies such as the X-Ray SDK (`Dynamic require of "util"`).
 * - `NODE_ENV=production` is inlined so libraries drop their development paths at bundle time.
 * - Source maps without sources content, written beside `index.js` but not loaded by Node
 *   (see {@link createNodeFunction}): they decode a minified stack trace after the fact.
 * - External: the runtime's AWS SDK.
 */
export const sharedBundlingOptions = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  externalModules: [...runtimeProvidedModules],
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/**
 * The bundling options of one function: {@link sharedBundlingOptions}, and with a bundled
 * SDK ({@link awsSdkSources}) only {@link lazyCredentialProviders} external, with the
 * `module` entry points first so esbuild takes the SDK's ES modules, which tree-shake: the
 * API function carries about 620 KB of SDK built from its CommonJS files, 260 KB from its
 * ES modules.
 *
 * @param functionName - the folder under `functions/`, e.g. `signup`
 */
export function bundlingOptionsOf(functionName: string): BundlingOptions {
  if ((awsSdkSources[functionName] ?? 'runtime') === 'runtime') return sharedBundlingOptions;
  return {
    ...sharedBundlingOptions,
    mainFields: ['module', 'main'],
    externalModules: [...lazyCredentialProviders],
  };
}

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
  /** Environment variables of the function. */
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
 * Why the trace upload has a policy of its own (`<id>TraceUpload`) rather than the one
 * `tracing: Tracing.ACTIVE` adds to the role's default policy: its two X-Ray actions can only
 * be granted on `*`, and the wildcard is acknowledged on that policy alone, so a wildcard
 * added to the role's other grants later is still reported by cdk-nag.
 *
 * Why no `NODE_OPTIONS=--enable-source-maps`: Node then reads and indexes the source map of
 * `index.js` at load (about 15 ms of a cold start) and parses all of it at the first stack
 * trace it formats, an error's or a warning's (about 150 ms for the API function's 440 KB
 * map), in the request that hit it. Stack traces stay `index.js:line:column`; the `.map`
 * file beside the bundle (in `cdk.out`) turns them back into sources.
 *
 * @param scope - the construct to add the function to
 * @param id - construct id; the log group, role and trace policy are `<id>LogGroup`,
 *   `<id>Role` and `<id>TraceUpload`
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
    // The logs expire after the retention period anyway; a deleted stack leaves no orphan group
    // (unless its stage keeps its data: see SignupMailerStack).
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of ${id}`,
  });
  logGroup.grantWrite(role);
  const traceUpload = new Policy(scope, `${id}TraceUpload`, {
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    ],
  });
  acknowledgeTraceUpload(traceUpload);

  const fn = new NodejsFunction(scope, id, {
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
    environment: { ...props.environment },
    bundling: bundlingOptionsOf(basename(dirname(props.entry))),
  });
  // X-Ray active tracing: Lambda samples invocations and the Powertools Tracer on the SDK
  // clients (functions/commons/clients/tracer.ts) adds each AWS call as a subsegment. Set on
  // the resource, since the `tracing` prop would grant the upload in the role's default policy.
  (fn.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
  fn.node.addDependency(traceUpload);
  return fn;
}
