// Preload (`--require`, through NODE_OPTIONS) for the bundle smoke test's Lambda runner:
// measures the CPU time of the process from here (Node's own bootstrap done) to its exit,
// i.e. the bundle's import and first invocation, and writes `{ "cpuMs": n }` to the file
// named by BENCH_CPU_FILE. On a machine shared with other work, CPU time varies far less
// than wall time, which also counts the time spent waiting for a core.
// With BENCH_PROFILE_FILE set it also records a V8 CPU profile of the same span there.
'use strict';
const { writeFileSync } = require('node:fs');

const started = process.cpuUsage();
const cpuFile = process.env.BENCH_CPU_FILE;
const profileFile = process.env.BENCH_PROFILE_FILE;
let session;
if (profileFile) {
  const { Session } = require('node:inspector');
  session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 100 });
  session.post('Profiler.start');
}

process.on('exit', () => {
  const used = process.cpuUsage(started);
  if (cpuFile) writeFileSync(cpuFile, JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
  // The main thread's inspector session answers synchronously, so this runs before exit.
  session?.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(profileFile, JSON.stringify(result.profile));
  });
});
