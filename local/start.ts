/**
 * `npm start`: runs the local stack until Ctrl-C.
 *
 * Ports come from `PORT` (API, default 3000), `INBOX_PORT` (SES v2 emulator and inbox,
 * default 8005) and `SQS_PORT` (SQS emulator, default 9324). Faults come from the `FAULT_*`
 * variables (see `readFaultSettings`), e.g. `FAULT_SES_THROTTLE=0.1 FAULT_KILL_AFTER_RECORD=0.02`.
 */
import { z } from 'zod';
import { readEnv } from '../functions/commons/helpers/env.js';
import type { EventSourceMappingLogger } from './event-source-mapping.js';
import { describeFaults, hasAnyFault, readFaultSettings } from './faults/fault-settings.js';
import { startLocalStack } from './stack.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** One JSON line per event, like the handlers' Powertools logs around it. */
const lineLogger: EventSourceMappingLogger = {
  info: (message, details) => console.log(JSON.stringify({ level: 'INFO', message, ...details })),
  error: (message, details) =>
    console.error(JSON.stringify({ level: 'ERROR', message, ...details })),
};

async function main(): Promise<void> {
  const ports = readEnv(
    z.object({ PORT: port(3000), INBOX_PORT: port(8005), SQS_PORT: port(9324) }),
  );
  const faults = readFaultSettings();
  const starting = startLocalStack({
    apiPort: ports.PORT,
    sesPort: ports.INBOX_PORT,
    sqsPort: ports.SQS_PORT,
    logger: lineLogger,
    faults,
  });
  // Listen before the stack is up: Ctrl-C during startup must still stop it cleanly.
  // `on`, not `once`: npm and tsx relay the terminal's Ctrl-C a second time, and with no
  // listener left tsx would end the process at once, skipping the cleanup.
  let stopping = false;
  const shutDown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    const stack = await starting.catch(() => undefined);
    if (stack !== undefined && hasAnyFault(stack.faults)) {
      console.log(`Faults injected: ${JSON.stringify(stack.faultReport())}`);
    }
    await stack?.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutDown('SIGINT'));
  process.on('SIGTERM', () => void shutDown('SIGTERM'));

  const stack = await starting;
  const body = JSON.stringify({ email: 'ann@example.com', name: 'Ann' });
  console.log(
    [
      '',
      'signup-mailer local stack is running (no AWS account involved)',
      `  API    ${stack.apiUrl}    POST /signup, GET /confirm?token=…, GET /health`,
      `  Inbox  ${stack.inboxUrl}    open it in a browser; GET /store lists the emails as JSON`,
      `  Queue  ${stack.queueUrl}`,
      `  DLQ    ${stack.dlqUrl}`,
      '',
      'Try:',
      `  curl -i -X POST ${stack.apiUrl}/signup -H 'content-type: application/json' -d '${body}'`,
      `  curl -s ${stack.inboxUrl}/store`,
      '',
      ...(hasAnyFault(stack.faults) ? [`Faults  ${describeFaults(stack.faults)}`, ''] : []),
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  const hint = code === 'EADDRINUSE' ? ' (set PORT, INBOX_PORT or SQS_PORT to free ports)' : '';
  console.error(`The local stack could not start: ${String(error)}${hint}`);
  process.exit(1);
});
