import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Problem type identifiers, one per error kind, stable across releases so clients can branch
 * on them (RFC 9457 §3.1.1). We use a `urn:` form rather than an `https:` URL: the types are
 * identifiers to compare as strings, and there is no documentation page to dereference
 * (RFC 9457 §3.1.1 allows non-resolvable URIs; clients SHOULD NOT dereference them anyway).
 */
export const problemTypeBase = 'urn:signup-mailer:problem:';

/** Every error kind the API answers, with its HTTP status and fixed title. */
export const problemKinds = {
  'empty-body': { status: 400, title: 'Request body is empty' },
  'malformed-body': { status: 400, title: 'Request body cannot be parsed' },
  'invalid-body': { status: 400, title: 'Request body has the wrong shape' },
  'invalid-field': { status: 400, title: 'A field is missing or invalid' },
  'origin-not-allowed': { status: 403, title: 'Origin is not allowed' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'Method not allowed on this resource' },
  'payload-too-large': { status: 413, title: 'Request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** The name of an error kind; its problem `type` is {@link problemTypeBase} + kind. */
export type ProblemKind = keyof typeof problemKinds;

/** One offending field, as the `errors` extension member of a problem. */
export interface FieldError {
  /** The field's name in the request body, e.g. `email`. */
  readonly field: string;
  /** What is wrong with it, in a sentence; never echoes the value. */
  readonly detail: string;
}

/** An RFC 9457 problem details object, with an `errors` extension for field errors. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

/**
 * Builds the problem details object of one error kind.
 *
 * @param kind - the error kind; fixes `type`, `title` and `status`
 * @param detail - a human sentence about this occurrence
 * @param errors - the offending fields, if any
 */
export function createProblem(
  kind: ProblemKind,
  detail: string,
  errors?: readonly FieldError[],
): Problem {
  const { status, title } = problemKinds[kind];
  return {
    type: `${problemTypeBase}${kind}`,
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/**
 * Maps a problem to an `application/problem+json` response (RFC 9457 §3).
 *
 * @param problem - the problem details
 * @param headers - extra headers, e.g. `Allow` for a 405 or `Retry-After` for a 503
 */
export function respondWithProblem(
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(problem),
  };
}
