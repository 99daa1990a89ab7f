/**
 * `npm run smoke -- --stack SignupMailer-dev [--region eu-west-1] [--timeout 300] [--json]`:
 * signs up the SES mailbox simulator's success, bounce and complaint addresses on a deployed
 * stack, waits for their jobs and feedback, and reports delivered, bounced and complained and
 * what is in either DLQ. Exits 0 when every address ended as expected, 1 otherwise.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { formatSmokeReport, runSmokeTest } from '../operations/smoke-run.js';

const usage = `Usage: npm run smoke -- --stack <name> [--region <region>] [--timeout <seconds>] [--json]

Signs up success+smoke-<run>@, bounce+smoke-<run>@ and complaint+smoke-<run>@simulator.amazonses.com
over the stack's API (outputs read with your AWS credentials), waits up to --timeout seconds
(default 300) for the email job queue to empty and the bounce and complaint to be recorded on
their accounts, and reads both DLQs. Exits 1 when an address did not end as expected.
In the SES sandbox, deploy with -c sesSandbox=true first.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      stack: { type: 'string' },
      region: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout);
  if (values.stack === undefined || !(timeoutSeconds > 0)) {
    const problem =
      values.stack === undefined ? '--stack is required' : '--timeout must be seconds above 0';
    console.error(`npm run smoke: ${problem}\n\n${usage}`);
    return 1;
  }
  const report = await runSmokeTest(
    {
      stack: values.stack,
      region: values.region ?? process.env.AWS_REGION,
      runId: Date.now().toString(36),
      timeoutSeconds,
      pollSeconds: 5,
    },
    { fetch, sleep, now: Date.now },
  );
  console.log(values.json ? JSON.stringify(report, null, 2) : formatSmokeReport(report));
  return report.passed ? 0 : 1;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(`npm run smoke failed: ${String(error)}`);
    process.exit(1);
  },
);
