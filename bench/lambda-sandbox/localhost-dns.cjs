// Preload for the bundle runner: resolves `*.localhost` (fauxqs queue URL hosts such as
// sqs.us-east-1.localhost) to 127.0.0.1, as fauxqs's interceptLocalhostDns does in-process.
'use strict';
const dns = require('node:dns');

const lookup = dns.lookup;
dns.lookup = function lookupLocalhost(hostname, options, callback) {
  if (typeof hostname === 'string' && hostname.endsWith('.localhost')) {
    const done = typeof options === 'function' ? options : callback;
    const all = typeof options === 'object' && options !== null && options.all === true;
    if (all) done(null, [{ address: '127.0.0.1', family: 4 }]);
    else done(null, '127.0.0.1', 4);
    return;
  }
  return lookup.call(this, hostname, options, callback);
};
