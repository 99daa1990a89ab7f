/**
 * `npm start`: runs the local stack until Ctrl-C.
 *
 * Ports come from `PORT` (API, default 3000), `INBOX_PORT` (SES v2 emulator and inbox,
 * default 8005) and `SQS_PORT` (SQS emulator, default 9324). Faults come from the `FAULT_*`
 * variables (see `readFaultSettings`), e.g. `FAULT_SES_THROTTLE=0.1 FAULT_KILL_AFTER_RECORD=0.02`.
 * `CORS_ORIGINS` (comma-separated origins, or `*`) turns on the API's CORS, as the stack's
 * `corsOrigins` does in AWS.
 *
 * Logs: pretty-printed when stdout is a terminal, JSON lines otherwise (`POWERTOOLS_DEV`
 * overrides); metrics' EMF lines only with `POWERTOOLS_METRICS_DISABLED=false` (see
 * `configureLocalObservability`).
 *
 * An edit to a handler or template is picked up without a restart (see `startHotReload`);
 * the log says `Reloaded` with the files, or why the new code did not build.
 */
import { z } from 'zod';
import { readEnv } from '../../functions/commons/helpers/env.js';
import type { EventSourceMappingLogger } from '../event-source-mapping/event-source-mapping.js';
import { describeFaults, hasAnyFault, readFaultSettings } from '../faults/fault-settings.js';
import { watchedDirectories } from '../lambda/hot-reload.js';
import { startLocalStack } from '../stack.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/**
 * The event source mapping's events in the format of the handlers' Powertools logs around
 * them: indented as Powertools does in dev mode (`POWERTOOLS_DEV=true`, read per line since
 * the stack sets it on start), else one JSON line each.
 */
const lineLogger: EventSourceMappingLogger = {
  info: (message, details) => console.log(formatLine({ level: 'INFO', message, ...details })),
  error: (message, details) => console.error(formatLine({ level: 'ERROR', message, ...details })),
};

function formatLine(entry: Record<string, unknown>): string {
  return JSON.stringify(entry, null, process.env.POWERTOOLS_DEV === 'true' ? 4 : undefined);
}

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
    watch: true,
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
      `Logs     ${describeLogFormat(process.env)}`,
      `Reload   an edit below ${watchedDirectories.map((directory) => `${directory}/`).join(', ')} is used by the next request and email; the inbox, queue and accounts stay`,
      '',
      ...(hasAnyFault(stack.faults) ? [`Faults  ${describeFaults(stack.faults)}`, ''] : []),
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}

/** How the handlers' logs and metrics show, and the switch to change each. */
function describeLogFormat(env: NodeJS.ProcessEnv): string {
  const logs =
    env.POWERTOOLS_DEV === 'true'
      ? 'pretty-printed (POWERTOOLS_DEV=false for JSON lines)'
      : 'JSON lines (POWERTOOLS_DEV=true to pretty-print)';
  const metrics =
    env.POWERTOOLS_METRICS_DISABLED === 'false'
      ? 'metrics printed as EMF lines'
      : 'metrics off (POWERTOOLS_METRICS_DISABLED=false prints their EMF lines)';
  return `${logs}; ${metrics}`;
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  const hint = code === 'EADDRINUSE' ? ' (set PORT, INBOX_PORT or SQS_PORT to free ports)' : '';
  console.error(`The local stack could not start: ${String(error)}${hint}`);
  process.exit(1);
});
