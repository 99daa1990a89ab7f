/**
 * Entry of one emulator's own process (see `startEmulatorProcesses`): starts the emulator
 * the parent names, answers with its port, and reports the emails the SES emulator stores
 * when asked. Lives until the parent kills it or goes away.
 */
import type { AddressInfo } from 'node:net';
import { type EmulatorRequest, readEmulatorRequest } from './emulator-messages.js';
import {
  startDynamoDbEmulator,
  startSesEmulatorServer,
  startSqsEmulator,
} from './emulator-servers.js';
import { watchSesStore } from './ses-store-watch.js';

// Ctrl-C reaches the whole process group; the parent stops this process after draining.
process.on('SIGINT', () => {});
process.on('disconnect', () => process.exit(0));
// A normal exit, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));

process.once('message', (message: unknown) => {
  const request = readEmulatorRequest(message);
  if (request === undefined) {
    process.send?.({ type: 'failed', error: 'not an emulator request' });
    return;
  }
  startEmulator(request).then(
    (port) => process.send?.({ type: 'ready', port }),
    (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
  );
});

async function startEmulator(request: EmulatorRequest): Promise<number> {
  if (request.emulator === 'sqs') {
    return (await startSqsEmulator(request.port, request.region)).port;
  }
  if (request.emulator === 'dynamodb') {
    return ((await startDynamoDbEmulator(request.port)).address() as AddressInfo).port;
  }
  if (request.reportEmails) {
    watchSesStore({
      dropBodies: request.dropEmailBodies,
      onStored: (email) => process.send?.({ type: 'email', ...email }),
    });
  }
  return ((await startSesEmulatorServer(request.port)).address() as AddressInfo).port;
}
