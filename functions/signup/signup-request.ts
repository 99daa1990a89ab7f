import * as z from 'zod';
import { type Locale, supportedLocales } from '../../emails/locales.js';
import { normalizeEmailAddress } from '../commons/helpers/email-address.js';
import { normalizePersonName } from './person-name.js';
import { createProblem, type FieldError, type Problem } from './problem.js';
import type { AcceptedMediaType } from './request-body.js';

/** A valid signup, normalized. */
export interface SignupRequest {
  /** The normalized address ({@link normalizeEmailAddress}). */
  readonly email: string;
  /** The normalized name ({@link normalizePersonName}); absent when none was given. */
  readonly name?: string;
  /** The language the body asks the emails to be in; absent leaves it to `Accept-Language`. */
  readonly locale?: Locale;
}

/** The outcome of {@link parseSignupRequest}. */
export type SignupRequestResult =
  | { ok: true; request: SignupRequest }
  | { ok: false; problem: Problem };

const typeError = (iss: { input: unknown }) =>
  iss.input === undefined ? 'is required' : 'must be a string';

/**
 * The body of `POST /signup`: `{ "email": string, "name"?: string | null, "locale"?: string |
 * null }`. Unknown fields are ignored, so a plain HTML form may carry its submit button or
 * other inputs. `locale` is a BCP 47 tag (RFC 5646) whose primary language is supported
 * (`de`, `de-CH`, `EN`); an empty one counts as absent.
 */
export const signupRequestSchema = z.object({
  email: z.string({ error: typeError }).transform((value, ctx) => {
    const result = normalizeEmailAddress(value);
    if (result.ok) return result.address;
    ctx.issues.push({ code: 'custom', message: result.detail, input: value });
    return z.NEVER;
  }),
  name: z
    .string({ error: () => 'must be a string' })
    .nullish()
    .transform((value, ctx) => {
      if (value === null || value === undefined) return undefined;
      const result = normalizePersonName(value);
      if (result.ok) return result.name;
      ctx.issues.push({ code: 'custom', message: result.detail, input: value });
      return z.NEVER;
    }),
  locale: z
    .string({ error: () => 'must be a string' })
    .nullish()
    .transform((value, ctx) => {
      if (value === null || value === undefined || value.trim() === '') return undefined;
      const language = value.trim().split(/[-_]/)[0]?.toLowerCase();
      const locale = supportedLocales.find((candidate) => candidate === language);
      if (locale !== undefined) return locale;
      ctx.issues.push({
        code: 'custom',
        message: `must be one of ${supportedLocales.join(', ')}`,
        input: value,
      });
      return z.NEVER;
    }),
});

/**
 * Parses and validates the text of a signup body.
 *
 * @param text - the body, decoded as UTF-8
 * @param mediaType - JSON, or an HTML form's `application/x-www-form-urlencoded`
 *   (WHATWG URL Standard §5); `email` or `name` given twice in a form is refused as ambiguous
 * @returns the normalized request, or the problem to answer (400) with each offending field
 */
export function parseSignupRequest(
  text: string,
  mediaType: AcceptedMediaType,
): SignupRequestResult {
  const fields = mediaType === 'application/json' ? parseJson(text) : parseForm(text);
  if (!fields.ok) return fields;
  const result = signupRequestSchema.safeParse(fields.value);
  if (result.success) {
    const { email, name, locale } = result.data;
    return {
      ok: true,
      request: {
        email,
        ...(name === undefined ? {} : { name }),
        ...(locale === undefined ? {} : { locale }),
      },
    };
  }
  const errors: FieldError[] = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { field, detail: `${field} ${issue.message}` };
  });
  const detail = errors.map((error) => error.detail).join('; ');
  return { ok: false, problem: createProblem('invalid-field', `${capitalize(detail)}.`, errors) };
}

function parseJson(text: string): { ok: true; value: object } | { ok: false; problem: Problem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: createProblem('malformed-body', 'The body is not valid JSON.') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: createProblem(
        'invalid-body',
        'The body must be a JSON object such as {"email": "you@example.com"}.',
      ),
    };
  }
  return { ok: true, value };
}

function parseForm(text: string): { ok: true; value: object } | { ok: false; problem: Problem } {
  const fields: Record<string, string> = Object.create(null);
  const errors: FieldError[] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, name)) {
      // Only our own fields are named back: others are ignored, and their names are the client's text.
      if (
        Object.hasOwn(signupRequestSchema.shape, name) &&
        !errors.some((error) => error.field === name)
      ) {
        errors.push({ field: name, detail: `${name} is given more than once` });
      }
      continue;
    }
    fields[name] = value;
  }
  if (errors.length > 0) {
    const detail = errors.map((error) => error.detail).join('; ');
    return { ok: false, problem: createProblem('invalid-field', `${capitalize(detail)}.`, errors) };
  }
  return { ok: true, value: fields };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
