import dns from 'node:dns';

type Lookup = typeof dns.lookup;

let users = 0;
let originalLookup: Lookup | undefined;

const lookupLocalhost = ((hostname: string, options: unknown, callback?: unknown) => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
    const args = [hostname, options, callback].filter((arg) => arg !== undefined);
    return Reflect.apply(originalLookup as Lookup, dns, args);
  }
  const done = (typeof options === 'function' ? options : callback) as (
    error: null,
    address: string | { address: string; family: number }[],
    family?: number,
  ) => void;
  if ((options as { all?: unknown } | null)?.all === true) {
    done(null, [{ address: '127.0.0.1', family: 4 }]);
  } else done(null, '127.0.0.1', 4);
}) as Lookup;

/**
 * Resolves `localhost` and `*.localhost` to 127.0.0.1 in this process until every caller
 * has called the function it returns. fauxqs's queue URLs name hosts such as
 * `sqs.us-east-1.localhost`, which the system resolver here does not know (`ENOTFOUND`), and
 * the SQS client sends to the queue URL's host; a `getaddrinfo` per connection would also
 * queue on libuv's small thread pool. Node's `net` (and so every HTTP client, `fetch`
 * included) looks hosts up through `dns.lookup` at connect time, so replacing it covers all.
 * The one patch of the project: the emulators, the queue commands, the worker containers and
 * the bench's Lambda runner use it.
 *
 * @returns a function that ends this caller's use; the last one puts `dns.lookup` back
 */
export function resolveLocalhostSubdomains(): () => void {
  if (users === 0) {
    originalLookup = dns.lookup;
    dns.lookup = lookupLocalhost;
  }
  users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users === 0 && originalLookup !== undefined) dns.lookup = originalLookup;
  };
}
