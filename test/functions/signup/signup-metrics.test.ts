import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConsoleCapture, captureConsole } from '../ses-feedback/emitted-output.js';

process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
const { recordSignupAccepted, recordSignupRejected } = await import(
  '../../../functions/signup/signup-metrics.js'
);

describe('signup metrics', () => {
  let output: ConsoleCapture;

  beforeEach(() => {
    output = captureConsole();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts an accepted signup by what it queued', () => {
    // Act
    recordSignupAccepted('confirmation-queued');

    // Assess
    expect(output.metrics()).toEqual([
      {
        namespace: 'SignupMailer',
        name: 'SignupsAccepted',
        unit: 'Count',
        dimensions: { service: 'signup', outcome: 'confirmation-queued' },
        value: 1,
      },
    ]);
  });

  it('counts a refused signup by the kind of its problem', () => {
    // Act
    recordSignupRejected('payload-too-large');
    recordSignupRejected('invalid-field');

    // Assess
    expect(output.metrics().map((metric) => metric.dimensions)).toEqual([
      { service: 'signup', problem: 'payload-too-large' },
      { service: 'signup', problem: 'invalid-field' },
    ]);
  });
});
