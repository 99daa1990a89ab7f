import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findConfirmationLink,
  listInboxEmails,
  waitForEmail,
} from '../../../local/emulators/inbox.js';

// `npm start` as a developer runs it, in a copy of the project whose sources the test edits:
// the edits must reach the next request and email with no restart and no lost state.
const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const copyDir = mkdtempSync(join(tmpdir(), 'signup-mailer-dev-loop-'));
const run = promisify(execFile);
const quietSdk = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

let start: ChildProcess;
const lines: string[] = [];
let urls: { api: string; inbox: string; sqsPort: string };

/** Resolves with the first line of the stack's output (so far or to come) that matches. */
function waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const found = () => lines.find((line) => pattern.test(line));
    const streams = [start.stdout, start.stderr];
    const timer = setTimeout(() => {
      for (const stream of streams) stream?.off('data', check);
      reject(new Error(`No line matched ${pattern} in:\n${lines.join('\n')}`));
    }, timeoutMs);
    const check = () => {
      const line = found();
      if (line === undefined) return;
      clearTimeout(timer);
      for (const stream of streams) stream?.off('data', check);
      resolve(line);
    };
    for (const stream of streams) stream?.on('data', check);
    check();
  });
}

/** Edits a file of the copy, then waits until the stack says it reloaded for it. */
async function editAndWaitForReload(file: string, edit: (text: string) => string) {
  const path = join(copyDir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const line = await waitForLine(new RegExp(`"message":"Reloaded.*"changed":\\[[^\\]]*"${file}"`));
  return JSON.parse(line) as { reloaded: string[] };
}

function postSignup(email: string, name: string) {
  return fetch(`${urls.api}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name }),
  });
}

beforeAll(async () => {
  for (const entry of ['functions', 'emails', 'lib', 'local', 'test/fixtures']) {
    cpSync(join(projectDir, entry), join(copyDir, entry), { recursive: true });
  }
  for (const file of ['package.json', 'tsconfig.json']) {
    cpSync(join(projectDir, file), join(copyDir, file));
  }
  symlinkSync(join(projectDir, 'node_modules'), join(copyDir, 'node_modules'));
  start = spawn(process.execPath, [tsx, 'local/commands/start.ts'], {
    cwd: copyDir,
    env: {
      ...process.env,
      ...quietSdk,
      PORT: '0',
      INBOX_PORT: '0',
      SQS_PORT: '0',
      POWERTOOLS_DEV: 'false',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams, in one list: a reload that fails says why on stderr.
  for (const stream of [start.stdout, start.stderr]) {
    stream?.setEncoding('utf8');
    let partial = '';
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  const api = await waitForLine(/^ {2}API +http/);
  const inbox = await waitForLine(/^ {2}Inbox +http/);
  const queue = await waitForLine(/^ {2}Queue +http/);
  urls = {
    api: api.split(/ +/)[2] ?? '',
    inbox: inbox.split(/ +/)[2] ?? '',
    sqsPort: new URL(queue.split(/ +/)[2] ?? '').port,
  };
}, 120_000);

afterAll(async () => {
  if (start?.exitCode === null) {
    const exited = once(start, 'exit');
    start.kill('SIGTERM');
    await exited;
  }
  rmSync(copyDir, { recursive: true, force: true });
});

describe('npm start, while a developer edits the sources', () => {
  it('sends the next email with an edited template, keeping the inbox and the accounts', async () => {
    // Prepare: a signup before the edit
    await postSignup('ann@example.com', 'Ann');
    const before = await waitForEmail(urls.inbox, 'ann@example.com', { timeoutMs: 30_000 });

    // Act
    const reload = await editAndWaitForReload('emails/verify-email.tsx', (text) =>
      text.replace('Thanks for signing up.', 'Thanks for signing up, edited.'),
    );
    await postSignup('bob@example.com', 'Bob');
    const after = await waitForEmail(urls.inbox, 'bob@example.com', { timeoutMs: 30_000 });

    // Assess
    expect(reload.reloaded).toEqual(['send-email']);
    expect(before?.body.text).toContain('Thanks for signing up. Please confirm');
    expect(after?.body.text).toContain('Thanks for signing up, edited.');
    expect((await listInboxEmails(urls.inbox)).map((email) => email.messageId)).toContain(
      before?.messageId,
    );
    // The account made before the reload, and the token key, are still there: the link
    // shows the pending account's button, not "Link not valid".
    const confirmation = await fetch(findConfirmationLink(before?.body.text ?? '') ?? '');
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).toContain('Confirm my email address');
  }, 120_000);

  it('answers the next request with an edited handler', async () => {
    // Act
    const reload = await editAndWaitForReload('functions/signup/index.ts', (text) =>
      text.replace(
        "JSON.stringify({ status: 'ok' })",
        "JSON.stringify({ status: 'ok', edited: 1 })",
      ),
    );
    const health = await fetch(`${urls.api}/health`);

    // Assess
    expect(reload.reloaded).toContain('signup');
    expect(await health.json()).toEqual({ status: 'ok', edited: 1 });
  }, 120_000);

  it('says why an edit does not build, and keeps sending with the code that ran before', async () => {
    // Act
    const path = join(copyDir, 'emails/welcome.tsx');
    const source = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      source.replace('export function WelcomeEmail(', 'export function WelcomeEmail(('),
    );
    const failure = await waitForLine(/"message":"Reload failed.*emails\/welcome\.tsx/);
    await postSignup('dora@example.com', 'Dora');
    const email = await waitForEmail(urls.inbox, 'dora@example.com', { timeoutMs: 30_000 });
    writeFileSync(path, source);
    const fixed = await waitForLine(/"message":"Reload fixed.*emails\/welcome\.tsx/);

    // Assess
    expect(JSON.parse(failure).error).toMatch(/emails\/welcome\.tsx:\d+:\d+: ERROR/);
    expect(email?.subject).toBe('[Signup Mailer] Confirm your email address');
    expect(JSON.parse(fixed).message).toBe(
      'Reload fixed: the code builds again, the same as what keeps running',
    );
  }, 120_000);

  it('says an edit that throws when the worker loads it failed, and keeps sending with the code that ran before', async () => {
    // Act
    const file = 'emails/already-registered.tsx';
    const path = join(copyDir, file);
    const source = readFileSync(path, 'utf8');
    writeFileSync(path, `${source}\nthrow new Error('module-level boom');\n`);
    const failure = await waitForLine(/"message":"Reload failed.*emails\/already-registered\.tsx/);
    await postSignup('erin@example.com', 'Erin');
    const email = await waitForEmail(urls.inbox, 'erin@example.com', { timeoutMs: 30_000 });
    const fixed = await editAndWaitForReload(file, () => source);

    // Assess
    const logged = JSON.parse(failure) as { message: string; failed: string[]; error: string };
    expect(logged.message).toMatch(/code that ran before keeps running/);
    expect(logged.failed).toEqual(['send-email']);
    expect(logged.error).toMatch(
      /^send-email: The new code failed to load; the previous code keeps running/,
    );
    expect(logged.error).toContain('module-level boom');
    expect(email?.subject).toBe('[Signup Mailer] Confirm your email address');
    expect(fixed.reloaded).toEqual(['send-email']);
  }, 120_000);

  it('says an edit that throws when the API handler loads failed, and keeps answering with the code that ran before', async () => {
    // Act
    const file = 'functions/signup/http/html-page.ts';
    const path = join(copyDir, file);
    const source = readFileSync(path, 'utf8');
    writeFileSync(path, `${source}\nthrow new Error('signup module boom');\n`);
    const failure = await waitForLine(
      /"message":"Reload failed.*functions\/signup\/http\/html-page\.ts/,
    );
    const signup = await postSignup('fay@example.com', 'Fay');
    const fixed = await editAndWaitForReload(file, () => source);

    // Assess
    const logged = JSON.parse(failure) as { failed: string[]; error: string };
    expect(logged.failed).toEqual(['signup']);
    expect(logged.error).toMatch(
      /^signup: The new code failed to load; the previous code keeps running/,
    );
    expect(logged.error).toContain('signup module boom');
    expect(signup.status).toBe(202);
    expect(fixed.reloaded).toEqual(['signup']);
  }, 120_000);

  it('sends a template added as one file and one registry line, queued with npm run enqueue', async () => {
    // Prepare: the example of docs/templates.md, with the imports it has in emails/
    const example = readFileSync(join(copyDir, 'test/fixtures/emails/password-reset.tsx'), 'utf8');
    writeFileSync(
      join(copyDir, 'emails/password-reset.tsx'),
      example.replaceAll("'../../../emails/", "'./"),
    );
    await editAndWaitForReload('emails/templates.ts', (text) =>
      text
        .replace(
          "import { welcomeEmail } from './welcome.js';",
          "import { welcomeEmail } from './welcome.js';\nimport { passwordResetEmail } from './password-reset.js';",
        )
        .replace('};', "  'password-reset': passwordResetEmail,\n};"),
    );
    const props = {
      code: '031415',
      expiresInMinutes: 15,
      requestedAt: '2026-03-05T09:30:00Z',
      devices: ['Phone app'],
    };

    // Act
    const { stdout } = await run(
      process.execPath,
      [
        tsx,
        'local/commands/enqueue.ts',
        '--template',
        'password-reset',
        '--to',
        'carol@example.com',
        '--props',
        JSON.stringify(props),
      ],
      { cwd: copyDir, env: { ...process.env, ...quietSdk, SQS_PORT: urls.sqsPort } },
    );
    const email = await waitForEmail(urls.inbox, 'carol@example.com', { timeoutMs: 30_000 });

    // Assess
    expect(stdout).toMatch(/^Queued job [0-9a-f-]{36} \(password-reset\)/);
    expect(email?.subject).toBe('[Signup Mailer] Your password reset code');
    expect(email?.body.text).toContain('031415');
    expect(email?.body.text).toContain('On March 5, 2026 someone asked');
    expect(email?.body.text).toContain('Phone app');
  }, 120_000);
});
