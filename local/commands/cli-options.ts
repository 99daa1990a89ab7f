import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { QueueTargetOptions } from '../operations/queue-target.js';

/** The options the queue scripts share: `--stack`, `--region`, `--json`, `--help`. */
export interface CliOptions extends QueueTargetOptions {
  readonly json: boolean;
  readonly help: boolean;
}

/** {@link CliOptions} as `parseArgs` reads them; a script with more options adds its own. */
export const sharedCliOptions = {
  stack: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/**
 * Reads the command line of `npm run dlq` and `npm run redrive`. Without `--stack` they act
 * on the local stack, its SQS emulator on `SQS_PORT` (default 9324).
 *
 * @param args - the arguments after the script name
 * @param env - the environment, for `SQS_PORT` and `AWS_REGION`
 * @throws TypeError on an unknown option
 */
export function readCliOptions(args: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  return toCliOptions(parseArgs({ args, options: sharedCliOptions }).values, env);
}

/**
 * Completes the shared options a script parsed (with {@link sharedCliOptions}): the region of
 * a named stack from `AWS_REGION`, the local stack's `SQS_PORT`.
 *
 * @param values - what `parseArgs` read
 * @param env - the environment, for `SQS_PORT` and `AWS_REGION`
 */
export function toCliOptions(
  values: { stack?: string; region?: string; json?: boolean; help?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): CliOptions {
  const sqsPort = Number(env.SQS_PORT ?? 9324);
  return {
    stack: values.stack,
    region: values.region ?? (values.stack === undefined ? undefined : env.AWS_REGION),
    sqsPort: Number.isInteger(sqsPort) ? sqsPort : 9324,
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

/**
 * The one line `npm run dlq` / `npm run redrive` / `npm run enqueue` print when they fail: the error, and when
 * nothing listens where the local stack's SQS emulator should be, what to do about it.
 *
 * @param script - the script's name, e.g. `dlq`
 * @param error - what the script threw
 */
export function describeCliFailure(script: string, error: unknown): string {
  const text = `npm run ${script} failed: ${String(error)}`;
  if (!text.includes('ECONNREFUSED')) return text;
  return `${text}\nIs the local stack running? Start it with npm start (set SQS_PORT if it uses another port), or pass --stack <name> for the deployed stack.`;
}
