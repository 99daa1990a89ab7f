/** A figure over repeated runs: its median and spread. */
export interface Spread {
  /** Median of the runs' values. */
  readonly median: number;
  /** 25th percentile of the runs' values. */
  readonly p25: number;
  /** 75th percentile of the runs' values. */
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  /** Number of runs. */
  readonly runs: number;
}

/**
 * The `q`-quantile of some values, interpolating linearly between the two nearest ranks
 * (the method of NumPy's default `linear` and of most load tools' reports).
 *
 * @param values - the sample; need not be sorted
 * @param q - from 0 to 1, e.g. 0.99 for p99
 * @returns the quantile, or `NaN` for an empty sample
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const below = Math.floor(rank);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (rank - below);
}

/**
 * Summarizes one figure measured in several runs.
 *
 * @param values - one value per run
 * @returns median, quartiles, min and max
 */
export function summarizeRuns(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    runs: values.length,
  };
}

/**
 * The ratio of two figures, each over repeated runs, as a spread itself: the median of the
 * per-run ratios (runs paired by index, measured side by side), so a slow moment of the
 * machine affects numerator and denominator alike.
 *
 * @param numerators - one value per run
 * @param denominators - one value per run, same order
 */
export function summarizeRatios(
  numerators: readonly number[],
  denominators: readonly number[],
): Spread {
  const count = Math.min(numerators.length, denominators.length);
  const ratios = Array.from(
    { length: count },
    (_, index) => (numerators[index] ?? Number.NaN) / (denominators[index] ?? Number.NaN),
  );
  return summarizeRuns(ratios);
}
