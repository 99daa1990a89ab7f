import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/node-function.js';

const run = promisify(execFile);
const outdirs: string[] = [];

/**
 * Runs `bin/app.ts` as the CDK CLI does: context in `CDK_CONTEXT_JSON`, the cloud assembly in
 * `CDK_OUTDIR`, the account and region (when the CLI found credentials) in
 * `CDK_DEFAULT_ACCOUNT`/`CDK_DEFAULT_REGION`. Bundling is skipped: only the templates matter.
 */
async function synthesizeApp(context: Record<string, unknown>, env: Record<string, string> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'signup-mailer-app-'));
  outdirs.push(outdir);
  const { CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION, ...inherited } = process.env;
  try {
    await run(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'bin/app.ts')], {
      cwd: projectRoot,
      env: {
        ...inherited,
        ...env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ ...context, 'aws:cdk:bundling-stacks': [] }),
      },
    });
    return { exitCode: 0, stderr: '', outdir };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { exitCode: code, stderr, outdir };
  }
}

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

// Each run starts tsx and synthesizes the stack with cdk-nag: seconds, more under load.
describe('bin/app.ts', { timeout: 120_000 }, () => {
  it('synthesizes SignupMailer-dev offline with the placeholder sender', async () => {
    const { exitCode, outdir } = await synthesizeApp({});

    expect(exitCode).toBe(0);
    expect(existsSync(join(outdir, 'SignupMailer-dev.template.json'))).toBe(true);
  });

  it('synthesizes SignupMailer-prod, protected, for an account and region with a real sender', async () => {
    const env = { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' };

    const context = { stage: 'prod', sender: 'no-reply@acme-mail.com' };
    const { exitCode, stderr, outdir } = await synthesizeApp(context, env);

    expect(exitCode, stderr).toBe(0);
    const { artifacts } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(artifacts['SignupMailer-prod']).toMatchObject({
      environment: 'aws://123456789012/eu-west-1',
      properties: { terminationProtection: true },
    });
  });

  it('fails on a mistyped context key, naming the keys it reads', async () => {
    const { exitCode, stderr } = await synthesizeApp({ alarmemail: 'ops@acme.io' });

    expect(exitCode).toBe(1);
    expect(stderr).toContain('Unknown context "alarmemail"');
    expect(stderr).toContain('alarmEmail');
  });

  it('refuses the placeholder sender when synthesized for an account and region', async () => {
    const env = { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' };

    const { exitCode, stderr } = await synthesizeApp({}, env);

    expect(exitCode).toBe(1);
    expect(stderr).toContain('sender no-reply@example.com is in example.com');
    expect(stderr).toContain('-c sender=');
  });
});
