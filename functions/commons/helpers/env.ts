import * as z from 'zod';
import { ConfigurationError } from '../errors.js';

/**
 * Reads and validates environment variables against a zod object schema, once, at cold start.
 *
 * Why: a function with a missing setting should fail at its first import with the
 * variable's name, not send a broken email later (`process.env.X || ''` hides that).
 *
 * @param schema - a `z.object` whose keys are variable names
 * @param env - the environment to read; defaults to `process.env`
 * @returns the parsed, typed values
 * @throws ConfigurationError naming every missing or invalid variable (values are never echoed)
 */
export function readEnv<T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined || env[name] === ''
      ? `${name} is not set`
      : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
}

/** A required, non-empty string variable. */
export const requiredString = () => z.string().trim().min(1);
