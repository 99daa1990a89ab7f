import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../lib/node-function.js';

const run = promisify(execFile);

/** Runs `npm run smoke -- <args>` as tsx does, returning its exit code and output. */
async function smoke(...args: string[]) {
  const tsx = join(projectRoot, 'node_modules/.bin/tsx');
  try {
    const { stdout, stderr } = await run(tsx, [
      join(projectRoot, 'local/commands/smoke.ts'),
      ...args,
    ]);
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { exitCode: code, stdout, stderr };
  }
}

describe('npm run smoke', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { exitCode, stdout } = await smoke('--help');

    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: npm run smoke -- --stack <name>');
    expect(stdout).toContain('-c sesSandbox=true');
  });

  it('refuses to run without --stack, saying so, and exits 1', async () => {
    const { exitCode, stderr } = await smoke();

    expect(exitCode).toBe(1);
    expect(stderr).toContain('npm run smoke: --stack is required');
  });
});
