import { describe, expect, it } from 'vitest';
import { quantile, summarizeRatios, summarizeRuns } from '../../bench/stats.js';

describe('quantile', () => {
  it('interpolates between the two nearest ranks', () => {
    // Act
    const p50 = quantile([4, 1, 3, 2], 0.5);
    const p99 = quantile([10, 20], 0.99);

    // Assess
    expect(p50).toBe(2.5);
    expect(p99).toBeCloseTo(19.9);
  });

  it('is NaN for no values', () => {
    // Act
    const p50 = quantile([], 0.5);

    // Assess
    expect(p50).toBeNaN();
  });
});

describe('summarizeRatios', () => {
  it('takes the median of the per-run ratios, pairing runs by index', () => {
    // Act
    const spread = summarizeRatios([1, 4, 9], [2, 2, 3]);

    // Assess
    expect(spread).toEqual(summarizeRuns([0.5, 2, 3]));
    expect(spread.median).toBe(2);
  });
});
