import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { logicalIdOf } from './synthesize-stack.js';

/** What a bundle test needs of a synthesized `AWS::Lambda::Function`. */
export interface SynthesizedFunction {
  /** `<outdir>/asset.<hash>`, where CDK staged the function's bundle. */
  readonly assetDir: string;
  /** Memory size, in MB. */
  readonly memorySizeMb: number;
  /** Environment variables as synthesized: strings, or CloudFormation references. */
  readonly variables: Readonly<Record<string, unknown>>;
}

interface FunctionProperties {
  readonly Code: { readonly S3Key: string };
  readonly MemorySize: number;
  readonly Environment: { readonly Variables: Record<string, unknown> };
}

/**
 * Reads a function from a template synthesized with bundling. The asset directory comes
 * from `Code.S3Key`, which is `<asset hash>.zip` with the default synthesizer.
 *
 * @param template - the stack's template
 * @param fn - the function construct
 * @param outdir - the cloud assembly directory the app synthesized into
 */
export function readSynthesizedFunction(
  template: Template,
  fn: IConstruct,
  outdir: string,
): SynthesizedFunction {
  const resources = template.toJSON().Resources as Record<string, { Properties: unknown }>;
  const properties = resources[logicalIdOf(fn)]?.Properties as FunctionProperties;
  return {
    assetDir: join(outdir, `asset.${properties.Code.S3Key.replace(/\.zip$/, '')}`),
    memorySizeMb: properties.MemorySize,
    variables: properties.Environment.Variables,
  };
}

/**
 * The function's environment as synthesized, each CloudFormation reference (queue URL,
 * secret ARN, ...) replaced by its local stand-in, plus the memory size Lambda announces.
 * Built from the template, so a variable the stack forgets fails the test at cold start.
 *
 * @param fn - the synthesized function
 * @param standIns - variable name → local value, for every variable that is a reference
 * @throws Error naming a referenced variable with no stand-in
 */
export function resolveEnvironment(
  fn: SynthesizedFunction,
  standIns: Readonly<Record<string, string>>,
): Record<string, string> {
  const entries = Object.entries(fn.variables).map(([name, value]) => {
    if (typeof value === 'string') return [name, value];
    const standIn = standIns[name];
    if (standIn === undefined) throw new Error(`No local stand-in for ${name}`);
    return [name, standIn];
  });
  return {
    ...Object.fromEntries(entries),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
  };
}
