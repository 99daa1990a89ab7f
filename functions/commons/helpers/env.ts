import * as z from 'zod/mini';
import { ConfigurationError } from '../errors.js';

/**
 * Reads and validates environment variables against a zod object schema, once, at cold start:
 * a function with a missing setting fails at its first import with the variable's name, rather
 * than sending a broken email later (`process.env.X || ''` hides that).
 *
 * @param schema - a `z.object` whose keys are variable names (`zod` or `zod/mini`)
 * @param env - the environment to read; defaults to `process.env`
 * @throws ConfigurationError naming every missing or invalid variable, never its value
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

// An empty variable counts as unset: CDK and shells often set `X=` rather than leave it out.
const emptyIsUnset = z.transform((value: unknown) => (value === '' ? undefined : value));

/** An optional variable; empty is unset. */
export const optionalVariable = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(emptyIsUnset, z.optional(schema));

/** A required number variable, e.g. `numberVariable(z.int().check(z.positive()))`; empty is unset. */
export const numberVariable = (schema: z.ZodMiniType<number, number>) =>
  z.pipe(emptyIsUnset, z.pipe(z.coerce.number(), schema));
