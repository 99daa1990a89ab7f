import { randomUUID } from 'node:crypto';
import { toBareAddress } from '../emulators/inbox.js';
import type { FaultSettings } from './fault-settings.js';
import { drawForKey, type RandomSource } from './random-source.js';

/** What the fault proxy does with one SES call. */
export type SesFault = 'throttle' | 'server-error' | 'reject' | undefined;

/** The fault decided for one call, and the latency to add before answering, in ms. */
export interface SesFaultDecision {
  readonly fault: SesFault;
  readonly latencyMs: number;
}

/** An HTTP answer of the fault proxy. */
export interface SesErrorResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Tells whether SES should refuse this recipient for good: its local part contains
 * `+reject` (a deterministic switch for tests), or its draw for the run's seed falls within
 * `sesReject`. Drawn per address, so the answer never changes between retries.
 *
 * @param address - a bare address or `Name <address>`
 * @param faults - the fraction and seed
 */
export function isRejectedRecipient(address: string, faults: FaultSettings): boolean {
  const bare = toBareAddress(address);
  const localPart = bare.slice(0, Math.max(0, bare.lastIndexOf('@')));
  if (localPart.includes('+reject')) return true;
  return faults.sesReject > 0 && drawForKey(faults.seed, bare) < faults.sesReject;
}

/**
 * Decides the fault of one `SendEmail` call. Two numbers are drawn on every call, whatever
 * the outcome, so the sequence of decisions depends only on the seed and the number of calls.
 * Throttling and server errors come before the content check, as in SES, whose rate limit
 * answers before it reads the message.
 *
 * @param recipients - the addresses of the call (To, Cc, Bcc)
 * @param faults - the fractions
 * @param random - the run's random source
 * @returns the fault, if any, and the added latency in ms
 */
export function decideSesFault(
  recipients: readonly string[],
  faults: FaultSettings,
  random: RandomSource,
): SesFaultDecision {
  const failure = random();
  const slowness = random();
  const latencyMs = slowness < faults.sesSlow ? faults.sesLatencyMs : 0;
  if (failure < faults.sesThrottle) return { fault: 'throttle', latencyMs };
  if (failure < faults.sesThrottle + faults.sesServerError) {
    return { fault: 'server-error', latencyMs };
  }
  if (recipients.some((recipient) => isRejectedRecipient(recipient, faults))) {
    return { fault: 'reject', latencyMs };
  }
  return { fault: undefined, latencyMs };
}

/**
 * The recipients of a SES v2 `SendEmail` request body (`Destination` To, Cc and Bcc).
 *
 * @param body - the JSON request body; anything unreadable gives no recipients
 */
export function readRecipients(body: Buffer): string[] {
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  if (typeof request !== 'object' || request === null) return [];
  const destination: unknown = (request as { Destination?: unknown }).Destination;
  if (typeof destination !== 'object' || destination === null) return [];
  return ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((field) => {
    const list: unknown = (destination as Record<string, unknown>)[field];
    return Array.isArray(list) ? list.filter((item) => typeof item === 'string') : [];
  });
}

/**
 * The error SES v2 answers for a fault, in its REST-JSON shape: the error code in the
 * `x-amzn-ErrorType` header and `{ "message" }` in the body. The AWS SDK for JavaScript v3
 * reads the code from that header first (then the body's `code`, then `__type`), so the
 * client throws `TooManyRequestsException`, `MessageRejected` or `InternalFailure` with
 * `$metadata.httpStatusCode` set, as against SES. Sources: SES API v2 Reference, `SendEmail`
 * errors and "Common Errors"; Smithy, "AWS restJson1 protocol", operation error serialization.
 *
 * @param fault - the fault to answer
 * @param recipients - quoted by `MessageRejected`, as SES does
 */
export function createSesErrorResponse(
  fault: Exclude<SesFault, undefined>,
  recipients: readonly string[],
): SesErrorResponse {
  const [statusCode, errorType, message] = {
    throttle: [429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'] as const,
    'server-error': [500, 'InternalFailure', 'An internal error occurred.'] as const,
    reject: [
      400,
      'MessageRejected',
      `Email address is not verified. The following identities failed the check in region LOCAL: ${recipients.join(', ')}`,
    ] as const,
  }[fault];
  const body = Buffer.from(JSON.stringify({ message }));
  return {
    statusCode,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': errorType,
      'x-amzn-requestid': randomUUID(),
      'content-length': String(body.length),
    },
    body,
  };
}
