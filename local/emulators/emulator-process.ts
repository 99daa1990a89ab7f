/**
 * Entry of one emulator's own process (see `startEmulatorProcesses`): starts the emulator
 * its argument names, answers with its port, and reports the emails the SES emulator stores
 * when asked. Lives until the parent stops it or goes away.
 */

import { PortInUseError } from '../servers.js';
import { type EmulatorMessage, type EmulatorRequest, startEmulator } from './emulators.js';
import { watchSesStore } from './ses-store-watch.js';

// Ctrl-C reaches the whole process group; the parent stops this process after draining.
process.on('SIGINT', () => {});
process.on('disconnect', () => process.exit(0));
// A normal exit, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));

const request = JSON.parse(process.argv[2] ?? '{}') as EmulatorRequest;
const send = (message: EmulatorMessage) => process.send?.(message);
if (request.reportEmails) {
  watchSesStore({
    dropBodies: request.dropEmailBodies,
    onStored: (email) => send({ type: 'email', ...email }),
  });
}
startEmulator(request.emulator, request.port, request.region).then(
  ({ port }) => send({ type: 'ready', port }),
  (error: unknown) =>
    send({ type: 'failed', error: String(error), portInUse: error instanceof PortInUseError }),
);
