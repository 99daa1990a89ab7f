import { describe, expect, it } from 'vitest';
import { computeRetryDelaySeconds } from '../../functions/send-email/delay-redelivery.js';
import { settings } from '../../lib/settings.js';

// The waits between a job's receives: one after each failed receive but the last, which goes to
// the DLQ as retries-exhausted. Drawn at the top of each full-jitter range, the longest window.
const waits = (draw: number) =>
  Array.from({ length: settings.queue.maxReceiveCount - 1 }, (_, index) =>
    computeRetryDelaySeconds(index + 1, settings.retry, () => draw),
  );
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the retry window of a send that fails for a reason that may pass', () => {
  it('rides out a few minutes of SES errors before the DLQ: 7.5 at most, about 3.75 on average', () => {
    // Assess: the figures docs/delivery-guarantee.md gives
    expect(waits(1 - Number.EPSILON / 2)).toEqual([30, 60, 120, 240]);
    expect(sum(waits(0.5))).toBe(225);
  });

  it('ends before the backlog alarm fires, so retries alone never page anyone', () => {
    expect(sum(waits(1 - Number.EPSILON / 2))).toBeLessThan(
      settings.alarms.oldestMessageAgeSeconds,
    );
  });

  it('ends well within the confirmation link’s lifetime', () => {
    expect(sum(waits(1 - Number.EPSILON / 2))).toBeLessThan(settings.token.ttlSeconds / 4);
  });
});
