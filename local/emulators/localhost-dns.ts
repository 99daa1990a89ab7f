import dns from 'node:dns';

/**
 * Resolves `localhost` and `*.localhost` to 127.0.0.1 in this process, as fauxqs's
 * `interceptLocalhostDns` does in the parent: fauxqs queue URLs name hosts like
 * `sqs.us-east-1.localhost`, which the system resolver here does not know (`ENOTFOUND`), and
 * a `getaddrinfo` per connection would queue on libuv's small thread pool. Node's `net` looks
 * hosts up through `dns.lookup` at connect time, so replacing it covers every client.
 *
 * @returns a function that puts the original `dns.lookup` back
 */
export function resolveLocalhostSubdomains(): () => void {
  const lookup = dns.lookup;
  const patched = (hostname: string, options: unknown, callback?: unknown) => {
    if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
      const done = (typeof options === 'function' ? options : callback) as (
        error: null,
        address: string | { address: string; family: number }[],
        family?: number,
      ) => void;
      const all = typeof options === 'object' && options !== null && 'all' in options;
      if (all && (options as { all?: unknown }).all === true) {
        done(null, [{ address: '127.0.0.1', family: 4 }]);
      } else done(null, '127.0.0.1', 4);
      return;
    }
    return Reflect.apply(
      lookup,
      dns,
      [hostname, options, callback].filter((arg) => arg !== undefined),
    );
  };
  dns.lookup = patched as typeof dns.lookup;
  return () => {
    if (dns.lookup === (patched as typeof dns.lookup)) dns.lookup = lookup;
  };
}
