import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../functions/commons/errors.js';
import {
  describeFaults,
  hasAnyFault,
  needsKillableWorker,
  noFaults,
  readFaultSettings,
  resolveFaultSettings,
} from '../../../local/faults/fault-settings.js';

describe('readFaultSettings', () => {
  it('turns every fault off when no FAULT_ variable is set', () => {
    // Act
    const faults = readFaultSettings({ FAULT_SEED: '5' });

    // Assess
    expect(faults).toEqual({ ...noFaults, seed: 5 });
    expect(needsKillableWorker(faults)).toBe(false);
  });

  it('reads the fractions, the latency and the seed of npm start', () => {
    // Act
    const faults = readFaultSettings({
      FAULT_SES_THROTTLE: '0.1',
      FAULT_SES_5XX: '0.02',
      FAULT_SES_REJECT: '0.01',
      FAULT_SES_LATENCY_MS: '200',
      FAULT_KILL_AFTER_RECORD: '0.02',
      FAULT_KILL_IN_RESIDUAL_WINDOW: '',
      FAULT_SEED: '42',
    });

    // Assess
    expect(faults).toEqual({
      sesThrottle: 0.1,
      sesServerError: 0.02,
      sesReject: 0.01,
      sesSlow: 1,
      sesLatencyMs: 200,
      killAfterRecord: 0.02,
      killInResidualWindow: 0,
      seed: 42,
    });
    expect(needsKillableWorker(faults)).toBe(true);
  });

  it('slows only FAULT_SES_SLOW of the calls when it is set beside the latency', () => {
    // Act
    const faults = readFaultSettings({ FAULT_SES_LATENCY_MS: '50', FAULT_SES_SLOW: '0.25' });

    // Assess
    expect(faults.sesSlow).toBe(0.25);
  });

  it('names the variable that is not a fraction', () => {
    // Act
    const read = () => readFaultSettings({ FAULT_SES_5XX: '2' });

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/FAULT_SES_5XX is invalid/);
  });
});

describe('resolveFaultSettings', () => {
  it('refuses throttling and server errors that add up to more than every call', () => {
    // Act
    const resolve = () => resolveFaultSettings({ sesThrottle: 0.7, sesServerError: 0.4 });

    // Assess
    expect(resolve).toThrow(RangeError);
  });
});

describe('describeFaults', () => {
  it('names the faults in force, in percent, with the seed', () => {
    // Prepare
    const faults = resolveFaultSettings({
      sesThrottle: 0.1,
      killAfterRecord: 0.02,
      sesSlow: 0.5,
      sesLatencyMs: 200,
      seed: 42,
    });

    // Act
    const description = describeFaults(faults);

    // Assess
    expect(description).toBe(
      'SES throttle 10%, worker kills after record 2%, SES +200 ms on 50%, seed 42',
    );
    expect(hasAnyFault(faults)).toBe(true);
    expect(hasAnyFault(noFaults)).toBe(false);
  });
});
