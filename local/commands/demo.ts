/** `npm run demo`: one signup through the whole local pipeline; see `--help`. */
import { findConfirmationLink, waitForEmail } from '../emulators/inbox.js';
import { readPort } from '../servers.js';
import { localStackEnvironment, startLocalStack } from '../stack.js';
import { runCommand } from './command.js';
import { captureLogLines, formatJobTrail, type LogCapture } from './job-trail.js';

const deliveryTimeoutMs = 10_000;

runCommand({
  name: 'demo',
  usage: '-- --email <address> [--name <name>]',
  description: [
    'One signup through the whole local pipeline: starts the local stack on free ports, posts',
    'the signup, waits for the email in the local inbox, prints recipient, subject, confirmation',
    "link, the time from request to delivery and the job's trail through the logs (every log",
    'line carrying its job id), and stops. Exits 1 when no email arrives within 10 s.',
  ].join('\n'),
  options: {
    email: { type: 'string', value: '<address>', description: 'the address to sign up' },
    name: { type: 'string', value: '<name>', description: 'the name to sign up with' },
  },
  // Its logs are always JSON lines, which it reads: POWERTOOLS_DEV does not apply.
  environment: {
    PORT: 'port of the API (default a free one)',
    ...Object.fromEntries(
      Object.entries(localStackEnvironment).filter(([name]) => name !== 'POWERTOOLS_DEV'),
    ),
  },
  run: runDemo,
});

async function runDemo(values: { email: string | undefined; name: string | undefined }) {
  if (values.email === undefined) {
    console.error('npm run demo: --email is required (npm run demo -- --help shows the options)');
    return 2;
  }
  // The handlers' JSON log lines are captured, not printed (warnings and errors still show),
  // and the job's own lines are printed as its trail at the end.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
  // The capture reads one JSON object per line: never the pretty-printed dev format, which
  // the stack would choose in a terminal.
  process.env.POWERTOOLS_DEV = 'false';
  // CloudWatch reads the metrics' EMF lines in AWS; here they would only be noise.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const logs = captureLogLines();
  try {
    return await signUpOnce(values.email, values.name, logs);
  } finally {
    logs.stop();
  }
}

/** Starts the stack, signs up once, prints what came of it, and stops the stack. */
async function signUpOnce(address: string, name: string | undefined, logs: LogCapture) {
  const stack = await startLocalStack({
    apiPort: readPort('PORT', 0),
    sesPort: 0,
    sqsPort: 0,
    logger: { info: () => {}, error: console.error },
  });
  try {
    const startedAt = performance.now();
    const response = await fetch(`${stack.apiUrl}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: address, name }),
    });
    const acceptedMs = performance.now() - startedAt;
    if (response.status !== 202) {
      console.error(`The signup was refused: ${response.status} ${await response.text()}`);
      return 1;
    }
    const { id: jobId } = (await response.json()) as { id: string };
    const email = await waitForEmail(stack.inboxUrl, address, {
      timeoutMs: deliveryTimeoutMs,
      intervalMs: 5,
    });
    const deliveredMs = performance.now() - startedAt;
    if (email === undefined) {
      console.error(`No email to ${address} reached the local inbox within 10 s.`);
      return 1;
    }
    console.log(
      [
        `Recipient  ${email.destination.to.join(', ')}`,
        `Subject    ${email.subject}`,
        `Link       ${findConfirmationLink(email.body.text ?? '') ?? '(none found in the text body)'}`,
        `Accepted   ${acceptedMs.toFixed(0)} ms after the request (202)`,
        `Delivered  ${deliveredMs.toFixed(0)} ms after the request`,
        '',
        formatJobTrail(await waitForSentLine(logs, jobId), jobId),
      ].join('\n'),
    );
    return 0;
  } finally {
    await stack.stop();
  }
}

/**
 * The captured entries once the worker's line about the job is among them: it is written
 * just after SES accepted the email, so it may trail the email in the inbox by a moment.
 */
async function waitForSentLine(logs: LogCapture, jobId: string) {
  const deadline = Date.now() + 1000;
  const isSent = () =>
    logs.entries().some((entry) => entry.jobId === jobId && entry.service === 'send-email');
  while (!isSent() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return logs.entries();
}
