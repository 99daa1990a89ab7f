import * as z from 'zod/mini';
import { ConfigurationError } from '../errors.js';

/**
 * Reads and validates environment variables against a zod object schema, once, at cold start.
 *
 * Why: a function with a missing setting should fail at its first import with the
 * variable's name, not send a broken email later (`process.env.X || ''` hides that).
 *
 * Typed on zod's core, so a schema of the classic API (`zod`) and one of `zod/mini` both fit.
 *
 * @param schema - a `z.object` whose keys are variable names
 * @param env - the environment to read; defaults to `process.env`
 * @returns the parsed, typed values
 * @throws ConfigurationError naming every missing or invalid variable (values are never echoed)
 */
export function readEnv<S extends z.core.$ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = z.safeParse(schema, env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined || env[name] === ''
      ? `${name} is not set`
      : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
}

/** A required, non-empty string variable, trimmed. */
export const requiredString = () => z.string().check(z.trim(), z.minLength(1));
