/** One Powertools Logger line, as far as a job's trail needs it. */
export interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly service: string;
  readonly timestamp: string;
  readonly jobId?: string;
  readonly [key: string]: unknown;
}

/** A running capture of the JSON log lines written to this process's stdout. */
export interface LogCapture {
  /** The log entries written so far. */
  entries(): readonly LogEntry[];
  /** Puts `process.stdout.write` back. */
  stop(): void;
}

/**
 * Captures the handlers' log lines while the local stack runs in this process: Powertools
 * Logger writes one JSON object per line, to stdout and (warnings and errors) to stderr.
 * Entries on stdout are kept, not printed; entries on stderr are kept and still shown, so a
 * problem is not hidden; any other output passes through.
 *
 * @returns the capture; call `stop()` when done
 */
export function captureLogLines(): LogCapture {
  const captured: LogEntry[] = [];
  const restoreStdout = interceptLines(process.stdout, captured, false);
  const restoreStderr = interceptLines(process.stderr, captured, true);
  return {
    entries: () => captured,
    stop: () => {
      restoreStdout();
      restoreStderr();
    },
  };
}

function interceptLines(
  stream: NodeJS.WriteStream,
  captured: LogEntry[],
  showEntries: boolean,
): () => void {
  const originalWrite = stream.write;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
    const passThrough = text
      .split('\n')
      .filter((line) => {
        const entry = parseLogEntry(line);
        if (entry === undefined) return true;
        captured.push(entry);
        return showEntries;
      })
      .join('\n');
    if (passThrough.trim() === '') return true;
    const output =
      passThrough.endsWith('\n') || !text.endsWith('\n') ? passThrough : `${passThrough}\n`;
    return (originalWrite as (...args: unknown[]) => boolean).call(stream, output, ...rest);
  };
  stream.write = write as typeof stream.write;
  return () => {
    stream.write = originalWrite;
  };
}

/**
 * Reads one line as a Powertools log entry.
 *
 * @param line - a line of output
 * @returns the entry, or undefined when the line is not one
 */
export function parseLogEntry(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { level, message, service, timestamp } = value as Record<string, unknown>;
    if (typeof level !== 'string' || typeof message !== 'string') return undefined;
    return {
      ...(value as Record<string, unknown>),
      level,
      message,
      service: typeof service === 'string' ? service : '?',
      timestamp: typeof timestamp === 'string' ? timestamp : '',
    };
  } catch {
    return undefined;
  }
}

/**
 * Formats the trail of one job: every log entry that carries its id, in time order, with
 * the time since the first, e.g.
 *
 * ```
 * Trail of job 3f1c…
 *       0 ms  signup      INFO  Email job queued
 *      41 ms  send-email  INFO  Email sent
 * ```
 *
 * @param entries - captured log entries
 * @param jobId - the job id (the 202 answer's `id`)
 * @returns the lines, or a single line saying no entry carries the id
 */
export function formatJobTrail(entries: readonly LogEntry[], jobId: string): string {
  const trail = entries
    .filter((entry) => entry.jobId === jobId)
    .map((entry) => ({ entry, at: Date.parse(entry.timestamp) }))
    .sort((a, b) => a.at - b.at);
  if (trail.length === 0) return `No log line carries job ${jobId}.`;
  const start = trail[0]?.at ?? 0;
  return [
    `Trail of job ${jobId}`,
    ...trail.map(({ entry, at }) => {
      const offset = Number.isFinite(at - start) ? `${at - start} ms` : '?';
      return `  ${offset.padStart(8)}  ${entry.service.padEnd(10)}  ${entry.level.padEnd(5)}  ${entry.message}`;
    }),
  ].join('\n');
}
