/**
 * The entry of a worker container: a child process that plays one Lambda execution
 * environment of the send-email function. Bundled with the handler by esbuild (see
 * `bundleHandler`), it loads the handler (the cold start), says `ready`, then runs one
 * invocation at a time as the parent asks over IPC. Killing the process loses everything in
 * it, as a crashed or timed-out Lambda environment does.
 */
import { handler } from '../../functions/send-email/index.js';
import { resolveLocalhostSubdomains } from '../emulators/localhost-dns.js';
import { createLambdaContext } from '../lambda/lambda-context.js';
import type { ContainerMessage, InvokeMessage } from './container-pool.js';

resolveLocalhostSubdomains();

const reply = (message: ContainerMessage) => process.send?.(message);

process.on('message', ({ invocationId, event, settings, invocation }: InvokeMessage) => {
  handler(event, createLambdaContext(settings, invocation)).then(
    (response) => reply({ type: 'result', invocationId, response }),
    (error: unknown) => reply({ type: 'error', invocationId, error: String(error) }),
  );
});

reply({ type: 'ready' });
