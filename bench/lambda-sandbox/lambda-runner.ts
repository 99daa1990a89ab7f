/**
 * Loads a synthesized Lambda bundle the way the Node.js runtime does (`require` of its
 * `index.js` as CommonJS, modules resolved through NODE_PATH only) and invokes its handler
 * once, with a context from `createLambdaContext` and `*.localhost` resolved to 127.0.0.1
 * (fauxqs's queue URL hosts). Runs bundled as CommonJS (see `invokeBundle`):
 * `node lambda-runner.cjs <bundle.js> <event.json> <result.json>`. Writes
 * `{ importMs, invokeMs, result }` or `{ importMs?, error }` to the result file; the
 * handler's own logs stay on stdout and stderr, as in Lambda.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolveLocalhostSubdomains } from '../../local/emulators/localhost-dns.js';
import { createLambdaContext } from '../../local/lambda/lambda-context.js';

const [bundleFile = '', eventFile = '', resultFile = ''] = process.argv.slice(2);
resolveLocalhostSubdomains();
const context = createLambdaContext({
  name: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'smoke',
  timeoutSeconds: 30,
  memorySizeMb: Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 128),
  region: process.env.AWS_REGION ?? 'us-east-1',
  accountId: '000000000000',
});

async function main(): Promise<void> {
  const event: unknown = JSON.parse(readFileSync(eventFile, 'utf8'));
  const started = performance.now();
  let importMs: number | undefined;
  try {
    const bundle = require(bundleFile) as {
      handler: (event: unknown, context: unknown) => Promise<unknown>;
    };
    importMs = performance.now() - started;
    const result = await bundle.handler(event, context);
    const invokeMs = performance.now() - started - importMs;
    writeFileSync(resultFile, JSON.stringify({ importMs, invokeMs, result }));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeFileSync(resultFile, JSON.stringify({ importMs, error: message }));
  }
}

void main();
