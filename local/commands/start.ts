/**
 * `npm start`: runs the local stack until Ctrl-C; see `--help`. Logs: pretty-printed when
 * stdout is a terminal, JSON lines otherwise (`POWERTOOLS_DEV` overrides); metrics' EMF lines
 * only with `POWERTOOLS_METRICS_DISABLED=false` (see `configureLocalObservability`). An edit
 * to a handler or template is picked up without a restart (see `startHotReload`).
 */
import type { EventSourceMappingLogger } from '../event-source-mapping/event-source-mapping.js';
import {
  describeFaults,
  faultVariables,
  hasAnyFault,
  readFaultSettings,
} from '../faults/fault-settings.js';
import { watchedDirectories } from '../lambda/hot-reload.js';
import { readPort } from '../servers.js';
import { type LocalStack, localStackEnvironment, startLocalStack } from '../stack.js';
import { runCommand } from './command.js';

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

runCommand({
  name: 'start',
  usage: '',
  description: [
    'Runs the local stack until Ctrl-C, with no AWS account: the HTTP API in front of the',
    'signup function, the SQS, SES v2 (with its web inbox) and DynamoDB emulators, the email',
    'queue and its DLQ, and the worker behind an emulated event source mapping. An edit below',
    `${watchedDirectories.map((directory) => `${directory}/`).join(', ')} is used by the next request and email, with no restart.`,
  ].join('\n'),
  options: {},
  environment: {
    PORT: 'port of the HTTP API (default 3000; 0 picks a free one)',
    INBOX_PORT: 'port of the SES v2 emulator and its web inbox (default 8005)',
    SQS_PORT: 'port of the SQS emulator (default 9324)',
    ...localStackEnvironment,
    ...Object.fromEntries(
      Object.entries(faultVariables).map(([name, [, description]]) => [name, description]),
    ),
  },
  run: runStack,
});

/** Starts the stack, says where everything is, and resolves 0 once a signal stopped it. */
async function runStack(): Promise<number> {
  const starting = startLocalStack({
    apiPort: readPort('PORT', 3000),
    sesPort: readPort('INBOX_PORT', 8005),
    sqsPort: readPort('SQS_PORT', 9324),
    logger: lineLogger,
    faults: readFaultSettings(),
    watch: true,
  });
  // Listen before the stack is up: Ctrl-C during startup must still stop it cleanly.
  // `on`, not `once`: npm and tsx relay the terminal's Ctrl-C a second time, and with no
  // listener left tsx would end the process at once, skipping the cleanup.
  const stopped = new Promise<void>((resolve) => {
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
      resolve();
    };
    process.on('SIGINT', () => void shutDown('SIGINT'));
    process.on('SIGTERM', () => void shutDown('SIGTERM'));
  });
  console.log(describeStack(await starting));
  await stopped;
  return 0;
}

function describeStack(stack: LocalStack): string {
  const body = JSON.stringify({ email: 'ann@example.com', name: 'Ann' });
  return [
    '',
    'signup-mailer local stack is running (no AWS account involved)',
    `  API    ${stack.apiUrl}    POST /signup, GET and POST /confirm, GET /health`,
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
  ].join('\n');
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
