import { type MockInstance, vi } from 'vitest';

/** One metric as an embedded metric format (EMF) line states it. */
export interface EmittedMetric {
  readonly namespace: string;
  readonly name: string;
  readonly unit: string | undefined;
  /** The dimensions, by name. */
  readonly dimensions: Record<string, string>;
  /** The value, or the values stored for it during one invocation. */
  readonly value: unknown;
}

/** Captures what Powertools writes to the global console in dev mode (`POWERTOOLS_DEV=true`). */
export interface ConsoleCapture {
  /** Every line written, as text. */
  lines(): string[];
  /** Every logger line (JSON with a `message`), parsed. */
  logEntries(): Record<string, unknown>[];
  /** Every metric of every EMF line. */
  metrics(): EmittedMetric[];
}

/**
 * Spies on `console.log/info/warn/error/debug`, silencing them. Powertools Logger and Metrics
 * write there in dev mode; Metrics only with `POWERTOOLS_METRICS_DISABLED=false` as well.
 * Restore with `vi.restoreAllMocks()`.
 */
export function captureConsole(): ConsoleCapture {
  const spies: MockInstance[] = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
  const lines = () =>
    spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' ')));
  const parsed = () =>
    lines().flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null
          ? [value as Record<string, unknown>]
          : [];
      } catch {
        return [];
      }
    });
  return {
    lines,
    logEntries: () => parsed().filter((entry) => typeof entry.message === 'string'),
    metrics: () => parsed().flatMap(readEmfMetrics),
  };
}

function readEmfMetrics(entry: Record<string, unknown>): EmittedMetric[] {
  const aws = entry._aws as
    | {
        CloudWatchMetrics?: {
          Namespace: string;
          Dimensions: string[][];
          Metrics: { Name: string; Unit?: string }[];
        }[];
      }
    | undefined;
  return (aws?.CloudWatchMetrics ?? []).flatMap((directive) =>
    directive.Metrics.map((metric) => ({
      namespace: directive.Namespace,
      name: metric.Name,
      unit: metric.Unit,
      dimensions: Object.fromEntries(
        (directive.Dimensions[0] ?? []).map((name) => [name, String(entry[name])]),
      ),
      value: entry[metric.Name],
    })),
  );
}
