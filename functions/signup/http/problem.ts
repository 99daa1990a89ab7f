/** An answer as the routes give it to the router: status, headers and a text body. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Problem types are `urn:signup-mailer:problem:<kind>`: stable identifiers for clients to
// compare, nothing to dereference (RFC 9457 §3.1.1).
const problemTypeBase = 'urn:signup-mailer:problem:';

/** Every error kind the API answers, with its HTTP status and fixed title. */
export const problemKinds = {
  'empty-body': { status: 400, title: 'Request body is empty' },
  'malformed-body': { status: 400, title: 'Request body cannot be parsed' },
  'invalid-body': { status: 400, title: 'Request body has the wrong shape' },
  'invalid-field': { status: 400, title: 'A field is missing or invalid' },
  'not-found': { status: 404, title: 'No such resource' },
  'payload-too-large': { status: 413, title: 'Request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'too-many-signups': { status: 429, title: 'Too many signups from this client' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** The name of an error kind. */
export type ProblemKind = keyof typeof problemKinds;

/** One offending field (the `errors` extension member): its name, and a sentence that never echoes its value. */
export interface FieldError {
  readonly field: string;
  readonly detail: string;
}

/**
 * A request the API answers with an RFC 9457 problem: routes throw it, the router's error
 * handler answers it as `application/problem+json` (a browser's form post as a page).
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly kind: ProblemKind;
  /** The problem details object, with `errors` for field errors. */
  readonly problem: {
    readonly type: string;
    readonly title: string;
    readonly status: number;
    readonly detail: string;
    readonly errors?: readonly FieldError[];
  };
  /** Headers of the answer, e.g. `Retry-After` with a 503 or `Accept-Post` with a 415. */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param kind - fixes `type`, `title` and `status`
   * @param detail - a sentence about this occurrence; never the cause's message
   * @param options - the offending fields, the answer's headers, the cause (for the logs)
   */
  constructor(
    kind: ProblemKind,
    detail: string,
    options: {
      errors?: readonly FieldError[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    const { errors, headers = {} } = options;
    const { status, title } = problemKinds[kind];
    this.kind = kind;
    this.problem = {
      type: `${problemTypeBase}${kind}`,
      title,
      status,
      detail,
      ...(errors && { errors }),
    };
    this.headers = headers;
  }
}

/**
 * The 503 for a dependency that failed and may recover, with `Retry-After` (RFC 9110 §10.2.3).
 *
 * @param detail - what could not be done; generic, the cause is logged
 * @param retryAfterSeconds - how long the client should wait
 */
export function serviceUnavailable(detail: string, retryAfterSeconds: number, cause?: unknown) {
  return new ProblemError(
    'service-unavailable',
    `${detail} Try again in ${retryAfterSeconds} seconds.`,
    {
      headers: { 'retry-after': String(retryAfterSeconds) },
      cause,
    },
  );
}

/** The 500 for a fault of ours; the cause is logged, never answered. */
export function internalError(cause?: unknown): ProblemError {
  const detail = 'Something went wrong on our side. Try again later.';
  return new ProblemError('internal-error', detail, { cause });
}

/** Answers a problem as `application/problem+json` (RFC 9457 §3). */
export function respondWithProblem({ problem, headers }: ProblemError): HttpAnswer {
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
