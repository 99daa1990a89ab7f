import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendPacer } from '../../../functions/send-email/send-email-once.js';
import { settings, workerSettingsEnvironment } from '../../../lib/settings.js';

/** Asks the pacer for `count` sends at once; each records the fake clock when it starts. */
function askForSends(pace: ReturnType<typeof createSendPacer>, count: number) {
  const starts: number[] = [];
  const sends = Array.from({ length: count }, (_, index) =>
    pace(async () => {
      starts.push(Date.now());
      return index;
    }),
  );
  return { starts, sends };
}

describe('createSendPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the sends of a burst one interval apart, at 5 per second', async () => {
    // Prepare
    const pace = createSendPacer(5);

    // Act
    const { starts, sends } = askForSends(pace, 4);
    await vi.advanceTimersByTimeAsync(1_000);

    // Assess
    expect(starts).toEqual([0, 200, 400, 600]);
    await expect(Promise.all(sends)).resolves.toEqual([0, 1, 2, 3]);
  });

  it('holds the next send until its interval has passed', async () => {
    // Prepare
    const pace = createSendPacer(7);

    // Act
    const { starts } = askForSends(pace, 3);
    await vi.advanceTimersByTimeAsync(142);
    const startedBeforeInterval = starts.length;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(startedBeforeInterval).toBe(1);
    expect(starts).toEqual([0, 143]);
  });

  it('sends at once after a pause longer than the interval', async () => {
    // Prepare
    const pace = createSendPacer(5);
    await pace(async () => undefined);
    await vi.advanceTimersByTimeAsync(5_000);

    // Act
    const { starts } = askForSends(pace, 1);
    await vi.advanceTimersByTimeAsync(0);

    // Assess
    expect(starts).toEqual([5_000]);
  });

  it('keeps at least 1000 / rate ms between two starts, for a fractional rate too', async () => {
    // Prepare: 14 per second shared by 3 containers.
    const rate = 14 / 3;
    const pace = createSendPacer(rate);

    // Act
    const { starts } = askForSends(pace, 20);
    await vi.advanceTimersByTimeAsync(10_000);

    // Assess
    expect(starts).toHaveLength(20);
    for (const [index, start] of starts.entries()) {
      if (index > 0) expect(start - (starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(1000 / rate);
    }
    expect(starts.at(-1)).toBeLessThan((20 / rate) * 1000 + 100);
  });

  it('passes a failed send on to its caller and keeps pacing the next one', async () => {
    // Prepare
    const pace = createSendPacer(5);
    const failure = new Error('Throttled');

    // Act
    const failing = pace(async () => {
      throw failure;
    }).catch((error: unknown) => error);
    const { starts } = askForSends(pace, 1);
    await vi.advanceTimersByTimeAsync(200);

    // Assess
    await expect(failing).resolves.toBe(failure);
    expect(starts).toEqual([200]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %s', (rate) => {
    // Act
    const act = () => createSendPacer(rate);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe("a container's send rate (SEND_RATE_PER_SECOND)", () => {
  it('shares the SES maximum send rate among the concurrent invocations', () => {
    // Act
    const environment = workerSettingsEnvironment(
      { queue: settings.queue, maxConcurrency: 2 },
      { ...settings, ses: { maxSendRatePerSecond: 14 } },
    );
    const rate = Number(environment.SEND_RATE_PER_SECOND);

    // Assess
    expect(rate).toBe(7);
  });
});
