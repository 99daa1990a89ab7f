/**
 * `npm run demo -- --email ann@example.com [--name Ann]`: one signup through the whole local
 * pipeline. Starts the local stack on free ports (the API on `PORT` when set), posts the
 * signup, waits for the email in the local inbox, prints recipient, subject, confirmation
 * link, the time from request to delivery and the job's trail through the logs (accepted,
 * queued, sent: every log line carrying its job id), and stops. Exits 1 when no email arrives
 * within 10 s.
 */
import { parseArgs } from 'node:util';
import { findConfirmationLink, waitForEmail } from '../emulators/inbox.js';
import { startLocalStack } from '../stack.js';
import { captureLogLines, formatJobTrail, type LogCapture } from './job-trail.js';

const deliveryTimeoutMs = 10_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (values.email === undefined) {
    console.error('Usage: npm run demo -- --email ann@example.com [--name Ann]');
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
  const stack = await startLocalStack({
    apiPort: Number(process.env.PORT ?? 0),
    sesPort: 0,
    sqsPort: 0,
    logger: { info: () => {}, error: console.error },
  });
  try {
    const startedAt = performance.now();
    const response = await fetch(`${stack.apiUrl}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: values.email, name: values.name }),
    });
    const acceptedMs = performance.now() - startedAt;
    if (response.status !== 202) {
      console.error(`The signup was refused: ${response.status} ${await response.text()}`);
      return 1;
    }
    const { id: jobId } = (await response.json()) as { id: string };
    const email = await waitForEmail(stack.inboxUrl, values.email, {
      timeoutMs: deliveryTimeoutMs,
      intervalMs: 5,
    });
    const deliveredMs = performance.now() - startedAt;
    if (email === undefined) {
      console.error(`No email to ${values.email} reached the local inbox within 10 s.`);
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
    logs.stop();
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

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(`The demo failed: ${String(error)}`);
    process.exit(1);
  },
);
