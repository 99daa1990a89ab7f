import ipaddr from 'ipaddr.js';
import type { SignupConfig } from '../config.js';
import { ProblemError } from '../http/problem.js';
import { updateIfAllowed } from './account-store.js';

/**
 * Counts a signup against its client's limit: at most `signupLimitPerClient` per fixed window
 * of `signupLimitWindowSeconds`, so one client cannot make the service mail more strangers
 * than that, whatever the addresses. One conditional `UpdateItem` (`ADD` under `count <
 * limit`) on a counter item of the accounts table, keyed `signups-from#<client>#<window
 * start, s>` (an account's key has an `@`, a counter's none), which the table's TTL removes
 * after the window's end (`expiresAt`).
 *
 * @param sourceIp - the address API Gateway saw (`requestContext.http.sourceIp`), never a
 *   header the client sets; an IPv6 address counts by its /64, which one subscriber gets
 * @param now - the clock, in ms since the epoch
 * @throws ProblemError `too-many-signups` (429, `Retry-After` to the window's end) past the
 *   limit; the SDK's error when DynamoDB fails
 */
export async function countClientSignup(
  sourceIp: string,
  context: Pick<
    SignupConfig,
    'accountsTable' | 'signupLimitPerClient' | 'signupLimitWindowSeconds'
  > & { readonly now: number },
): Promise<void> {
  const { signupLimitPerClient: limit, signupLimitWindowSeconds: windowSeconds } = context;
  if (limit === 0) return;
  const windowStart = Math.floor(context.now / 1000 / windowSeconds) * windowSeconds;
  const windowEnd = windowStart + windowSeconds;
  const counted = await updateIfAllowed(
    context,
    `signups-from#${toClient(sourceIp)}#${windowStart}`,
    {
      UpdateExpression: 'ADD #signups :one SET #expiresAt = :windowEnd',
      ConditionExpression: 'attribute_not_exists(#signups) OR #signups < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':windowEnd': windowEnd },
    },
  );
  if (counted !== undefined) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(windowEnd - context.now / 1000));
  throw new ProblemError(
    'too-many-signups',
    `This client has made ${limit} signups in ${windowSeconds} seconds. Try again in ${retryAfterSeconds} seconds.`,
    { headers: { 'retry-after': String(retryAfterSeconds) } },
  );
}

/** The client of an address: an IPv4 address itself, an IPv6 address its /64 prefix. */
export function toClient(sourceIp: string): string {
  if (!ipaddr.isValid(sourceIp)) return sourceIp;
  // process() reads an IPv4-mapped IPv6 address (::ffff:1.2.3.4 or ::ffff:102:304) as IPv4.
  const address = ipaddr.process(sourceIp);
  if (address.kind() === 'ipv4') return address.toString();
  return `${address.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
