import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';

const queueOptions = ['--stack <name>', '--region <region>', '--json'];
const queueVariables = ['SQS_PORT', 'AWS_REGION', 'AWS_PROFILE'];

// What each command's --help must name: its options and the environment variables it reads.
const commands = [
  {
    name: 'start',
    options: [],
    variables: ['PORT', 'INBOX_PORT', 'SQS_PORT', 'CORS_ORIGINS', 'TOKEN_SECRET', 'FAULT_SEED'],
  },
  {
    name: 'demo',
    options: ['--email <address>', '--name <name>'],
    variables: ['PORT', 'POWERTOOLS_LOG_LEVEL'],
  },
  {
    name: 'chaos',
    options: ['--signups <n>', '--scenario <name>', '--seed <n>', '--json'],
    variables: ['TOKEN_SECRET', 'MAIL_SENDER'],
  },
  { name: 'dlq', options: queueOptions, variables: queueVariables },
  { name: 'redrive', options: queueOptions, variables: queueVariables },
  {
    name: 'enqueue',
    options: ['--template <name>', '--to <address>', '--props', ...queueOptions],
    variables: queueVariables,
  },
  {
    name: 'smoke',
    options: ['--stack <name>', '--region <region>', '--timeout <seconds>', '--json'],
    variables: ['AWS_REGION'],
  },
];

describe('every npm run command', () => {
  it.each(commands)(
    'answers --help with its usage, options and variables: $name',
    async ({ name, options, variables }) => {
      // Act
      const { exitCode, stdout } = await runCommand(name, ['--help']);

      // Assess
      expect(exitCode).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: npm (run )?${name}\\b`));
      for (const option of [...options, '-h, --help']) expect(stdout).toContain(option);
      for (const variable of variables)
        expect(stdout).toMatch(new RegExp(`^ {2}${variable}\\b`, 'm'));
    },
    60_000,
  );

  it.each([
    ['dlq', ['--force'], "npm run dlq: Unknown option '--force'"],
    ['start', ['--bogus', '1'], "npm start: Unknown option '--bogus'"],
    ['enqueue', ['extra'], "npm run enqueue: Unexpected argument 'extra'"],
  ])(
    'refuses a bad command line of %s in plain words, with its usage, a pointer to --help and exit code 2',
    async (name, args, message) => {
      // Act
      const { exitCode, stderr } = await runCommand(name, args);

      // Assess
      expect(exitCode).toBe(2);
      expect(stderr.split('\n')[0]).toBe(
        `${message}; ${name === 'start' ? 'npm start' : `npm run ${name}`} -- --help lists the options.`,
      );
      expect(stderr).not.toMatch(/TypeError|ERR_PARSE_ARGS/);
      expect(stderr).toContain(`Usage: npm ${name === 'start' ? 'start' : `run ${name}`}`);
    },
    60_000,
  );

  it('says how to give the region when a deployed stack is named without one', async () => {
    // Prepare: no region from the environment or a profile
    const env = {
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/dev/null',
    };

    // Act
    const { exitCode, stderr } = await runCommand('smoke', ['--stack', 'SignupMailer-dev'], env);

    // Assess
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/Region (is missing|not accepted)/);
    expect(stderr).toContain('pass --region <region> or set AWS_REGION');
  }, 60_000);

  it('npm run enqueue checks the recipient as the target stack does: a deployed one refuses example domains', async () => {
    // Prepare: no ALLOW_EXAMPLE_RECIPIENTS from the test setup; no queue behind either target
    const job = ['--template', 'verify-email', '--to', 'ann@example.com'];
    const props = ['--props', '{"confirmUrl":"https://a.example/c","expiresInMinutes":60}'];
    const env = { ALLOW_EXAMPLE_RECIPIENTS: '', SQS_PORT: '1', AWS_REGION: 'us-east-1' };

    // Act
    const deployed = await runCommand('enqueue', [...job, ...props, '--stack', 'X'], env);
    const local = await runCommand('enqueue', [...job, ...props], env);

    // Assess
    expect(deployed.exitCode).toBe(1);
    expect(deployed.stderr).toContain('The job was not queued');
    expect(deployed.stderr).toContain('must not be in example.com, a domain reserved for examples');
    expect(local.stderr).not.toContain('The job was not queued');
  }, 60_000);

  it('npm run smoke refuses to run without --stack, saying so, and exits 1', async () => {
    // Act
    const { exitCode, stderr } = await runCommand('smoke', []);

    // Assess
    expect(exitCode).toBe(1);
    expect(stderr).toContain('npm run smoke: --stack is required');
  }, 60_000);
});

describe('npm start on a port another process holds', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    busyPort = (busy.address() as { port: number }).port;
  });

  afterAll(() => {
    busy.close();
  });

  it.each([
    ['SQS_PORT', 'SQS emulator'],
    ['INBOX_PORT', 'SES v2 emulator and inbox'],
    ['PORT', 'HTTP API'],
  ])(
    'names the port, %s and another stack as the likely holder',
    async (variable, service) => {
      // Prepare: every other port free
      const ports = { PORT: '0', INBOX_PORT: '0', SQS_PORT: '0', [variable]: String(busyPort) };

      // Act
      const { exitCode, stderr } = await runCommand('start', [], ports);

      // Assess
      expect(exitCode).toBe(1);
      expect(stderr).toContain(`port ${busyPort} (the ${service}) is already in use`);
      expect(stderr).toContain('Another local stack (npm start in another terminal?)');
      expect(stderr).toContain(`set ${variable} to a free port`);
    },
    120_000,
  );
});
