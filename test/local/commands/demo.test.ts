import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const run = promisify(execFile);

/**
 * Runs `npm run demo` as a person would, in a process of its own (the local stack runs once
 * per process), on free ports.
 */
async function runDemo(email: string, env: Record<string, string>) {
  return run(process.execPath, [tsx, 'local/commands/demo.ts', '--email', email, '--name', 'Ann'], {
    cwd: projectDir,
    env: { ...process.env, PORT: '0', ...env },
    timeout: 60_000,
  });
}

describe('npm run demo', () => {
  it('follows one signup from the API to SES in the handlers’ logs, even when asked for pretty logs', async () => {
    // Act: POWERTOOLS_DEV=true would pretty-print the entries over several lines.
    const { stdout } = await runDemo('ann@example.com', { POWERTOOLS_DEV: 'true' });

    // Assess
    const jobId = /^Trail of job (\S+)$/m.exec(stdout)?.[1];
    expect(stdout).toMatch(/^Recipient {2}Ann <ann@example\.com>$/m);
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const trail = stdout.slice(stdout.indexOf('Trail of job')).split('\n').slice(1, 3);
    expect(trail[0]).toMatch(/^ +0 ms {2}signup +INFO +Email job queued$/);
    expect(trail[1]).toMatch(/^ +\d+ ms {2}send-email +INFO +Email sent$/);
    expect(stdout).not.toContain('"_aws"');
  }, 90_000);
});
