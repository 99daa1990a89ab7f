/**
 * The entry of a worker container: a child process that plays one Lambda execution
 * environment of the send-email function. Bundled with the handler by esbuild (see
 * `bundleHandler`, local/handler-bundle.ts), it loads the handler (the cold start), says
 * `ready`, then runs one invocation at a time as the parent asks over IPC. Killing the
 * process loses everything in it, as a crashed or timed-out Lambda environment does.
 */
import { handler } from '../../functions/send-email/index.js';
import { resolveLocalhostSubdomains } from '../emulators/localhost-dns.js';
import { createLambdaContext } from '../lambda/lambda-context.js';
import { type ContainerMessage, readInvokeMessage } from './container-messages.js';

resolveLocalhostSubdomains();

const reply = (message: ContainerMessage) => process.send?.(message);

process.on('message', (message: unknown) => {
  const invocation = readInvokeMessage(message);
  if (invocation === undefined) return;
  const { context: settings } = invocation;
  const context = {
    ...createLambdaContext(
      {
        name: settings.functionName,
        timeoutSeconds: settings.timeoutSeconds,
        memorySizeMb: settings.memorySizeMb,
        region: settings.region,
        accountId: settings.accountId,
      },
      settings.startedAt,
    ),
    awsRequestId: settings.awsRequestId,
  };
  handler(invocation.event, context).then(
    (response) => reply({ type: 'result', invocationId: invocation.invocationId, response }),
    (error: unknown) =>
      reply({ type: 'error', invocationId: invocation.invocationId, error: String(error) }),
  );
});

reply({ type: 'ready' });
