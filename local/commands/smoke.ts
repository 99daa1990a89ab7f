/** `npm run smoke`: an end-to-end check of a deployed stack; see `--help`. */
import { setTimeout as sleep } from 'node:timers/promises';
import { formatSmokeReport, runSmokeTest } from '../operations/smoke-run.js';
import { runCommand } from './command.js';

runCommand({
  name: 'smoke',
  usage: '-- --stack <name> [--region <region>] [--timeout <seconds>] [--json]',
  description: [
    "Deletes the accounts of the simulator's success@, bounce@ and complaint@ mailboxes (one per",
    'mailbox, so a rerun starts afresh), signs up success+smoke-<run>@, bounce+smoke-<run>@ and',
    "complaint+smoke-<run>@simulator.amazonses.com over the stack's API (outputs read with your",
    'AWS credentials), waits up to --timeout seconds for the email job queue to empty and the',
    'bounce and complaint to be recorded on their accounts, and reads both DLQs. Exits 1 when',
    'an address did not end as expected.',
    'In the SES sandbox, deploy with -c sesSandbox=true first.',
  ].join('\n'),
  options: {
    stack: {
      type: 'string',
      value: '<name>',
      description: 'the deployed stack, e.g. SignupMailer-dev',
    },
    region: {
      type: 'string',
      value: '<region>',
      description: "its region (else AWS_REGION or your AWS profile's)",
    },
    timeout: {
      type: 'string',
      value: '<seconds>',
      default: '300',
      description: 'longest wait for the queue and the feedback',
    },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  environment: {
    AWS_REGION: "the stack's region when --region is not given",
    'AWS_PROFILE etc.': 'your AWS credentials (the AWS SDK reads them)',
  },
  async run(values) {
    const timeoutSeconds = Number(values.timeout);
    if (values.stack === undefined || !(timeoutSeconds > 0)) {
      const problem =
        values.stack === undefined ? '--stack is required' : '--timeout must be seconds above 0';
      console.error(`npm run smoke: ${problem} (npm run smoke -- --help shows the options)`);
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
  },
});
