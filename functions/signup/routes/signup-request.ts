import * as z from 'zod/mini';
import { supportedLocales } from '../../../emails/locales.js';
import { normalizeEmailAddress } from '../../commons/helpers/email-address.js';
import { normalizePersonName } from '../accounts/person-name.js';
import { toSupportedLocale } from '../http/negotiation.js';
import { type FieldError, ProblemError } from '../http/problem.js';
import type { RequestBody } from '../http/request-body.js';

/** A valid signup: the normalized address and name, and the locale the body asks for, if any. */
export type SignupRequest = z.output<typeof signupRequestSchema>;

const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
});
const optionalString = z.nullish(z.string({ error: () => 'must be a string' }));

/**
 * The body of `POST /signup`: `{ "email": string, "name"?: string | null, "locale"?: string |
 * null }`. Unknown fields are ignored, so a form may carry its button. `locale` is a BCP 47 tag
 * (RFC 5646) of a supported primary language (`de-CH`, `EN`); empty counts as absent.
 */
export const signupRequestSchema = z.object({
  email: z.pipe(
    requiredString,
    z.transform((value: string, ctx) => {
      const result = normalizeEmailAddress(value);
      if (result.ok) return result.address;
      ctx.issues.push({ code: 'custom', message: result.detail, input: value });
      return z.NEVER;
    }),
  ),
  name: z.pipe(
    optionalString,
    z.transform((value: string | null | undefined, ctx) => {
      if (value === null || value === undefined) return undefined;
      const result = normalizePersonName(value);
      if (result.ok) return result.name;
      ctx.issues.push({ code: 'custom', message: result.detail, input: value });
      return z.NEVER;
    }),
  ),
  locale: z.pipe(
    optionalString,
    z.transform((value: string | null | undefined, ctx) => {
      if (value === null || value === undefined || value.trim() === '') return undefined;
      const locale = toSupportedLocale(value);
      if (locale !== undefined) return locale;
      const message = `must be one of ${supportedLocales.join(', ')}`;
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }),
  ),
});

/**
 * Parses and validates a signup body: JSON, or a form (`application/x-www-form-urlencoded`,
 * WHATWG URL Standard §5) in which a field of ours given twice is refused as ambiguous.
 *
 * @throws ProblemError (400) naming each offending field, or for a body that is not a JSON
 *   object
 */
export function parseSignupRequest({ text, mediaType }: RequestBody): SignupRequest {
  const fields = mediaType === 'application/json' ? parseJson(text) : parseForm(text);
  const result = signupRequestSchema.safeParse(fields);
  if (!result.success) {
    throw invalidFields(
      result.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.');
        return { field, detail: `${field} ${issue.message}` };
      }),
    );
  }
  return result.data;
}

function parseJson(text: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProblemError('malformed-body', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProblemError(
      'invalid-body',
      'The body must be a JSON object such as {"email": "you@example.com"}.',
    );
  }
  return value;
}

function parseForm(text: string): object {
  const fields: Record<string, string> = Object.create(null);
  const errors: FieldError[] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    if (!Object.hasOwn(fields, name)) {
      fields[name] = value;
      // Only our own fields are named back: others are ignored, and their names are the client's text.
    } else if (
      Object.hasOwn(signupRequestSchema.shape, name) &&
      !errors.some((error) => error.field === name)
    ) {
      errors.push({ field: name, detail: `${name} is given more than once` });
    }
  }
  if (errors.length > 0) throw invalidFields(errors);
  return fields;
}

function invalidFields(errors: FieldError[]): ProblemError {
  const detail = errors.map((error) => error.detail).join('; ');
  return new ProblemError('invalid-field', `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`, {
    errors,
  });
}
