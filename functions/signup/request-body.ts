import type { HttpRequest } from './http-request.js';
import { createProblem, type Problem } from './problem.js';

/** Media types `POST /signup` accepts; also sent as `Accept-Post` with a 415. */
export const acceptedMediaTypes = [
  'application/json',
  'application/x-www-form-urlencoded',
] as const;

/** A body the signup route can read. */
export type AcceptedMediaType = (typeof acceptedMediaTypes)[number];

/** The outcome of {@link readRequestBody}. */
export type RequestBodyResult =
  | { ok: true; mediaType: AcceptedMediaType; text: string }
  | { ok: false; problem: Problem };

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the request body as text of an accepted media type, checking in the order a client
 * can act on: a body at all (400), its size in bytes after base64 decoding (413), its
 * `Content-Type` (415: JSON or a form, charset UTF-8 or none, RFC 8259 §8.1), and
 * its encoding (400 for bad base64 or bytes that are not UTF-8).
 *
 * @param request - the request
 * @param maxBodyBytes - the largest accepted body, in bytes
 */
export function readRequestBody(request: HttpRequest, maxBodyBytes: number): RequestBodyResult {
  const raw = request.body;
  if (raw === undefined || raw === '') {
    return failure(
      createProblem('empty-body', 'Send a JSON object such as {"email": "you@example.com"}.'),
    );
  }
  // Cheap upper bounds first, so an oversized body is never decoded or scanned.
  const lowerBound = request.isBase64Encoded ? Math.floor(raw.length / 4) * 3 - 2 : raw.length;
  if (lowerBound > maxBodyBytes) return failure(tooLarge(maxBodyBytes));

  const mediaType = readMediaType(request.headers['content-type']);
  if (!mediaType.ok) return mediaType;

  let bytes: Buffer;
  if (request.isBase64Encoded) {
    if (!strictBase64.test(raw)) {
      return failure(
        createProblem(
          'malformed-body',
          'The body is marked base64-encoded but is not valid base64.',
        ),
      );
    }
    bytes = Buffer.from(raw, 'base64');
  } else {
    bytes = Buffer.from(raw, 'utf8');
  }
  if (bytes.length > maxBodyBytes) return failure(tooLarge(maxBodyBytes));
  if (bytes.length === 0) {
    return failure(
      createProblem('empty-body', 'Send a JSON object such as {"email": "you@example.com"}.'),
    );
  }

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return failure(createProblem('malformed-body', 'The body is not valid UTF-8.'));
  }
  return { ok: true, mediaType: mediaType.value, text };
}

function failure(problem: Problem): { ok: false; problem: Problem } {
  return { ok: false, problem };
}

function tooLarge(maxBodyBytes: number): Problem {
  return createProblem('payload-too-large', `The body must be at most ${maxBodyBytes} bytes.`);
}

/**
 * Parses `Content-Type` (RFC 9110 §8.3: type/subtype, case-insensitive, then `;`-separated
 * parameters whose values may be quoted) and accepts only our media types with a UTF-8 or
 * absent charset.
 */
function readMediaType(
  header: string | undefined,
): { ok: true; value: AcceptedMediaType } | { ok: false; problem: Problem } {
  const unsupported = (detail: string) => failure(createProblem('unsupported-media-type', detail));
  const expected = `Send ${acceptedMediaTypes.join(' or ')}.`;
  if (header === undefined || header.trim() === '') {
    return unsupported(`The request has no Content-Type. ${expected}`);
  }
  const [type = '', ...parameters] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  const accepted = acceptedMediaTypes.find((candidate) => candidate === mediaType);
  if (!accepted) return unsupported(`This content type is not supported. ${expected}`);
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=');
    const name = parameter
      .slice(0, separator === -1 ? undefined : separator)
      .trim()
      .toLowerCase();
    if (name !== 'charset') continue;
    const value = parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (value !== 'utf-8' && value !== 'utf8') {
      return unsupported('Only the UTF-8 charset is supported.');
    }
  }
  return { ok: true, value: accepted };
}
