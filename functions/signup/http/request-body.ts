import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ProblemError } from './problem.js';

/** Media types `POST /signup` accepts; also sent as `Accept-Post` with a 415. */
export const acceptedMediaTypes = [
  'application/json',
  'application/x-www-form-urlencoded',
] as const;

/** A request body read as text of an accepted media type; see {@link readRequestBody}. */
export interface RequestBody {
  readonly mediaType: (typeof acceptedMediaTypes)[number];
  readonly text: string;
}

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a payload format 2.0 body as text, checking in the order a client can act on: a body
 * at all (400), its decoded size (413), its `Content-Type` (415: JSON or a form, charset UTF-8
 * or none, RFC 8259 §8.1), its encoding (400: bad base64 or not UTF-8). From the event, not
 * the router's `Request`, which turns bad bytes into U+FFFD: a body that is not what was sent
 * is refused, not guessed at.
 *
 * @param maxBodyBytes - the largest accepted body, in bytes
 * @throws ProblemError for each refusal above; a 415 carries `Accept-Post`
 */
export function readRequestBody(
  { body, isBase64Encoded }: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>,
  contentType: string | undefined,
  maxBodyBytes: number,
): RequestBody {
  const empty = () =>
    new ProblemError('empty-body', 'Send a JSON object such as {"email": "you@example.com"}.');
  const tooLarge = () =>
    new ProblemError('payload-too-large', `The body must be at most ${maxBodyBytes} bytes.`);
  if (body === undefined || body === '') throw empty();
  // Cheap lower bounds first, so an oversized body is never decoded or scanned.
  if ((isBase64Encoded ? Math.floor(body.length / 4) * 3 - 2 : body.length) > maxBodyBytes) {
    throw tooLarge();
  }
  const mediaType = readMediaType(contentType);
  if (isBase64Encoded && !strictBase64.test(body)) {
    throw new ProblemError(
      'malformed-body',
      'The body is marked base64-encoded but is not valid base64.',
    );
  }
  const bytes = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > maxBodyBytes) throw tooLarge();
  if (bytes.length === 0) throw empty();
  try {
    return { mediaType, text: utf8.decode(bytes) };
  } catch {
    throw new ProblemError('malformed-body', 'The body is not valid UTF-8.');
  }
}

// Parses `Content-Type` (RFC 9110 §8.3: case-insensitive type, `;`-separated parameters whose
// values may be quoted); accepts our media types with a UTF-8 or absent charset.
function readMediaType(header: string | undefined): RequestBody['mediaType'] {
  const unsupported = (detail: string) =>
    new ProblemError('unsupported-media-type', detail, {
      headers: { 'accept-post': acceptedMediaTypes.join(', ') },
    });
  const expected = `Send ${acceptedMediaTypes.join(' or ')}.`;
  if (!header?.trim()) throw unsupported(`The request has no Content-Type. ${expected}`);
  const [type = '', ...parameters] = header.split(';');
  const mediaType = acceptedMediaTypes.find((accepted) => accepted === type.trim().toLowerCase());
  if (!mediaType) throw unsupported(`This content type is not supported. ${expected}`);
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=');
    const name = parameter.slice(0, separator === -1 ? undefined : separator);
    if (name.trim().toLowerCase() !== 'charset') continue;
    const value = parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!['utf-8', 'utf8'].includes(value.toLowerCase())) {
      throw unsupported('Only the UTF-8 charset is supported.');
    }
  }
  return mediaType;
}
