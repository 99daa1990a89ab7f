// Loads a synthesized Lambda bundle the way the Node.js runtime does (require of index.js as
// CommonJS, module resolution through NODE_PATH only) and invokes its handler once.
// Usage: node [--require localhost-dns.cjs] lambda-runner.cjs <bundle.js> <event.json> <result.json>
// Writes { importMs, invokeMs, result } or { importMs?, error } to <result.json>; the handler's
// own logs stay on stdout/stderr, as in Lambda.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const [bundleFile, eventFile, resultFile] = process.argv.slice(2);

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'smoke',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:smoke`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  logGroupName: '/aws/lambda/smoke',
  logStreamName: 'smoke',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

async function main() {
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const started = performance.now();
  let importMs;
  try {
    const bundle = require(bundleFile);
    importMs = performance.now() - started;
    const result = await bundle.handler(event, context);
    const invokeMs = performance.now() - started - importMs;
    writeFileSync(resultFile, JSON.stringify({ importMs, invokeMs, result }));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeFileSync(resultFile, JSON.stringify({ importMs, error: message }));
  }
}

main();
