import { dirname, join } from 'node:path';
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

/** Absolute path of `functions/<name>/index.ts`, e.g. for `signup`. */
export function resolveFunctionEntry(name: string): string {
  return join(projectRoot, 'functions', name, 'index.ts');
}

/**
 * Credential providers a bundled SDK imports (by `import()`) only when the environment holds
 * no credentials; Lambda always sets the role's keys, so they stay external (about 130 KB with
 * the STS and SSO clients, aws/aws-sdk-js-v3#5516).
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
 * Bundling options of every function: the local esbuild (no Docker here); CommonJS, since ESM
 * output needs a `require` shim for CommonJS dependencies (`Dynamic require of "util"`);
 * `NODE_ENV=production` inlined, so libraries drop their development paths; source maps beside
 * `index.js`, not loaded (see {@link createNodeFunction}). External: the runtime's AWS SDK, and
 * prettier (about 250 KB), which `@react-email/render` imports only for its `pretty` option.
 */
export const sharedBundlingOptions = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  externalModules: ['@aws-sdk/*', 'prettier'],
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/**
 * The bundling options of one function. The API function bundles its AWS SDK (its ES modules,
 * which tree-shake: `mainFields` module first): its cold start is a person waiting, and
 * loading the runtime's SDK costs some 210 ms of its 460 ms against about 125 ms bundled (`npm
 * run bench -- --only bundles --profile`; AWS Developer Tools Blog, "Reduce Lambda cold start
 * times: migrate to AWS SDK for JavaScript v3"). The worker takes the runtime's: no one waits
 * on it, and the SDK would take its bundle past its 800 KB budget.
 *
 * @param functionName - the folder under `functions/`, e.g. `signup`
 */
export function bundlingOptionsOf(functionName: string): BundlingOptions {
  if (functionName !== 'signup') return sharedBundlingOptions;
  return {
    ...sharedBundlingOptions,
    mainFields: ['module', 'main'],
    externalModules: [...lazyCredentialProviders],
  };
}

/** Properties of {@link createNodeFunction}. */
export interface NodeFunctionProps {
  /** The folder under `functions/` whose `index.ts` is the entry, e.g. `signup`. */
  readonly functionName: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

/**
 * Creates a Node.js 22, arm64 function with its own log group (`<id>LogGroup`), X-Ray active
 * tracing, and a role (`<id>Role`) that may only write to that log group and send traces (the
 * default role's managed policy may write any log group). The trace upload has a policy of its
 * own (`<id>TraceUpload`), so its unavoidable `*` is acknowledged there alone and a wildcard
 * added to other grants is still reported by cdk-nag. No `--enable-source-maps`: Node would
 * index the map at load (about 15 ms of a cold start) and parse it at the first stack trace
 * (about 150 ms); the `.map` beside the bundle decodes a trace afterwards.
 */
export function createNodeFunction(
  scope: Construct,
  id: string,
  props: NodeFunctionProps,
): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}LogGroup`, {
    retention: props.logRetention,
    // A deleted stack leaves no orphan group, unless its stage keeps its data.
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
    entry: resolveFunctionEntry(props.functionName),
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
    bundling: bundlingOptionsOf(props.functionName),
  });
  // On the resource: the `tracing` prop would grant the upload in the role's default policy.
  (fn.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
  fn.node.addDependency(traceUpload);
  return fn;
}
