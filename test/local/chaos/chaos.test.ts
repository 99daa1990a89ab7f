import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosScenarios, startChaosStack } from '../../../local/chaos/chaos-stack.js';
import { type ChaosResult, runChaos } from '../../../local/chaos/run-chaos.js';
import { type FaultSettings, resolveFaultSettings } from '../../../local/faults/fault-settings.js';
import type { LocalStack } from '../../../local/stack.js';

// 500 signups through the whole local stack, the worker in killable containers, with 10%
// throttling, 2% SES 5xx, 1% rejected recipients, 2% kills after the record and 2%
// malformed queue bodies. Short visibility timeout and backoff so it drains in under a minute.
// A fixed run id with the seed decides who SES rejects (5 of the 500), so every run is the same.
const faults: FaultSettings = resolveFaultSettings({
  ...chaosScenarios['after-record'],
  seed: 20_260_105,
});
const previousLogLevel = process.env.POWERTOOLS_LOG_LEVEL;
let stack: LocalStack;
let result: ChaosResult;

beforeAll(async () => {
  stack = await startChaosStack(faults);
  result = await runChaos(stack, {
    signups: 500,
    runId: 'fixed',
    malformedFraction: 0.02,
    faults,
    drainTimeoutMs: 150_000,
  });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  if (previousLogLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = previousLogLevel;
});

describe('the local stack under chaos', () => {
  it('accepts every signup and drains the queue', () => {
    // Assess
    expect(result.refused).toBe(0);
    expect(result.accepted).toBe(500);
    expect(result.drained).toBe(true);
  });

  it('really injected the faults it claims to', () => {
    // Assess
    const report = stack.faultReport();
    expect(report.ses.throttle).toBeGreaterThan(0);
    expect(report.ses['server-error']).toBeGreaterThan(0);
    expect(report.ses.reject).toBeGreaterThan(0);
    expect(report.crashes.killsAfterRecord).toBeGreaterThan(0);
    expect(report.containers.deaths['after-record']).toBe(report.crashes.killsAfterRecord);
    expect(report.crashes.unrecordedSendsAtDeath).toBe(0);
  });

  it('delivers exactly one email to every valid signup that SES does not reject', () => {
    // Assess
    expect(result.expectedDeliveries).toBeGreaterThan(480);
    expect(result.delivered).toBe(result.expectedDeliveries);
    expect(result.lost).toBe(0);
    expect(result.duplicatedRecipients).toEqual([]);
    expect(result.unexpectedEmails).toBe(0);
  });

  it('puts every permanent failure in the DLQ with its reason, and nothing else', () => {
    // Assess
    const reasons = new Map(result.dlqByReason);
    expect(result.missingFromDlq).toBe(0);
    expect(result.unexpectedInDlq).toBe(0);
    // Rejected recipients by SES's error name, malformed bodies by the worker's reason code.
    const malformed = ['invalid-json', 'invalid-job', 'unknown-template', 'invalid-props'];
    expect(reasons.get('MessageRejected')).toBeGreaterThan(0);
    expect(malformed.some((reason) => reasons.has(reason))).toBe(true);
    for (const key of reasons.keys()) expect(['MessageRejected', ...malformed]).toContain(key);
    // A kill after a record that follows a DLQ send of the same batch leaves that message in
    // both queues (the batch is redelivered); so a copy per kill at most.
    expect(result.dlqCopies).toBeLessThanOrEqual(stack.faultReport().crashes.killsAfterRecord);
  });
});
