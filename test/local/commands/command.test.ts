import { describe, expect, it } from 'vitest';
import { describeCommandFailure, formatHelp } from '../../../local/commands/command.js';
import { PortInUseError } from '../../../local/servers.js';

describe('describeCommandFailure', () => {
  it('tells how to start the local stack when nothing listens on its SQS port', () => {
    // Act
    const text = describeCommandFailure('dlq', new Error('connect ECONNREFUSED 127.0.0.1:9324'));

    // Assess
    expect(text).toMatch(/^npm run dlq failed: Error: connect ECONNREFUSED/);
    expect(text).toContain('Start it with npm start');
  });

  it('names the variable that moves a port another process holds', () => {
    // Act
    const text = describeCommandFailure('start', new PortInUseError('ses', 8005));

    // Assess
    expect(text).toBe(
      'npm start failed: port 8005 (the SES v2 emulator and inbox) is already in use.\n' +
        'Another local stack (npm start in another terminal?) or another program may be using it: ' +
        'stop it, or set INBOX_PORT to a free port (INBOX_PORT=0 picks any).',
    );
  });

  it('gives any other error as it is, without a hint', () => {
    expect(describeCommandFailure('redrive', new Error('AccessDenied'))).toBe(
      'npm run redrive failed: Error: AccessDenied',
    );
  });
});

describe('formatHelp', () => {
  it('lists the options with what they take and their defaults, then the variables read', () => {
    // Act
    const help = formatHelp({
      name: 'bench',
      usage: '[-- --rounds <n>]',
      description: 'Measures.',
      options: {
        rounds: { type: 'string', value: '<n>', default: '3', description: 'rounds' },
        json: { type: 'boolean', description: 'print JSON' },
      },
      environment: { PORT: 'port of the API' },
      run: async () => 0,
    });

    // Assess
    expect(help.split('\n')).toEqual([
      'Usage: npm run bench [-- --rounds <n>]',
      '',
      'Measures.',
      '',
      'Options:',
      '  --rounds <n>  rounds (default 3)',
      '  --json        print JSON',
      '  -h, --help    this help',
      '',
      'Environment:',
      '  PORT  port of the API',
    ]);
  });
});
