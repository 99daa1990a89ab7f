import { describe, expect, it } from 'vitest';
import { describeCliFailure, readCliOptions } from '../../../local/commands/cli-options.js';

describe('readCliOptions', () => {
  it('targets the local stack on SQS_PORT when no stack is named', () => {
    // Act
    const options = readCliOptions(['--json'], { SQS_PORT: '9344', AWS_REGION: 'eu-west-1' });

    // Assess
    expect(options).toEqual({
      stack: undefined,
      region: undefined,
      sqsPort: 9344,
      json: true,
      help: false,
    });
  });

  it("takes the deployed stack's region from AWS_REGION unless --region is given", () => {
    // Act
    const fromEnv = readCliOptions(['--stack', 'SignupMailer-dev'], { AWS_REGION: 'eu-west-1' });
    const given = readCliOptions(['--stack', 'SignupMailer-dev', '--region', 'us-east-2'], {});

    // Assess
    expect(fromEnv.region).toBe('eu-west-1');
    expect(given.region).toBe('us-east-2');
  });

  it('refuses an unknown option', () => {
    // Act
    const act = () => readCliOptions(['--force'], {});

    // Assess
    expect(act).toThrow(TypeError);
  });
});

describe('describeCliFailure', () => {
  it('tells how to start the local stack when nothing listens on its SQS port', () => {
    // Prepare
    const error = new Error('connect ECONNREFUSED 127.0.0.1:9324');

    // Act
    const text = describeCliFailure('dlq', error);

    // Assess
    expect(text).toMatch(/^npm run dlq failed: Error: connect ECONNREFUSED/);
    expect(text).toContain('npm start');
  });

  it('gives any other error as it is, without the hint', () => {
    // Act
    const text = describeCliFailure('redrive', new Error('AccessDenied'));

    // Assess
    expect(text).toBe('npm run redrive failed: Error: AccessDenied');
  });
});
