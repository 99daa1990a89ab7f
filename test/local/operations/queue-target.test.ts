import { describe, expect, it } from 'vitest';
import { toQueueTargetOptions } from '../../../local/operations/queue-target.js';

describe('toQueueTargetOptions', () => {
  it('targets the local stack on SQS_PORT when no stack is named', () => {
    // Act
    const options = toQueueTargetOptions({}, { SQS_PORT: '9344', AWS_REGION: 'eu-west-1' });

    // Assess
    expect(options).toEqual({ stack: undefined, region: undefined, sqsPort: 9344 });
  });

  it("takes the deployed stack's region from AWS_REGION unless --region is given", () => {
    // Act
    const fromEnv = toQueueTargetOptions(
      { stack: 'SignupMailer-dev' },
      { AWS_REGION: 'eu-west-1' },
    );
    const given = toQueueTargetOptions({ stack: 'SignupMailer-dev', region: 'us-east-2' }, {});

    // Assess
    expect(fromEnv.region).toBe('eu-west-1');
    expect(given.region).toBe('us-east-2');
  });

  it('refuses an SQS_PORT that is not a port, naming it', () => {
    // Act
    const act = () => toQueueTargetOptions({}, { SQS_PORT: 'nine' });

    // Assess
    expect(act).toThrow('SQS_PORT must be a port from 0 (any free one) to 65535, not "nine"');
  });
});
