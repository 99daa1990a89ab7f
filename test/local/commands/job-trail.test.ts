import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureLogLines,
  formatJobTrail,
  type LogEntry,
  parseLogEntry,
} from '../../../local/commands/job-trail.js';

function makeEntry(overrides: Partial<LogEntry>): LogEntry {
  return {
    level: 'INFO',
    message: 'Email job queued',
    service: 'signup',
    timestamp: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

describe('job trail from the logs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lists the entries of one job in time order, with the time since the first', () => {
    // Prepare
    const entries = [
      makeEntry({
        service: 'send-email',
        message: 'Email sent',
        jobId: 'job-1',
        timestamp: '2026-11-29T10:00:00.041Z',
      }),
      makeEntry({ jobId: 'job-2', message: 'Another job' }),
      makeEntry({ jobId: 'job-1' }),
    ];

    // Act
    const trail = formatJobTrail(entries, 'job-1');

    // Assess
    expect(trail.split('\n')).toEqual([
      'Trail of job job-1',
      '      0 ms  signup      INFO   Email job queued',
      '     41 ms  send-email  INFO   Email sent',
    ]);
  });

  it('says so when no entry carries the job id', () => {
    expect(formatJobTrail([makeEntry({ jobId: 'other' })], 'job-1')).toBe(
      'No log line carries job job-1.',
    );
  });

  it('reads Powertools log lines and nothing else', () => {
    expect(parseLogEntry('{"level":"INFO","message":"Email sent","service":"send-email"}')).toEqual(
      expect.objectContaining({ level: 'INFO', message: 'Email sent', service: 'send-email' }),
    );
    expect(parseLogEntry('Listening on http://localhost:3000')).toBeUndefined();
    expect(parseLogEntry('{"_aws":{"CloudWatchMetrics":[]}}')).toBeUndefined();
    expect(parseLogEntry('{not json')).toBeUndefined();
  });

  it('captures what a Powertools logger writes to stdout, and shows warnings on stderr', () => {
    // Prepare
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const capture = captureLogLines();
    const logger = new Logger({ serviceName: 'send-email' });

    // Act
    try {
      logger.info('Email sent', { jobId: 'job-9' });
      logger.warn('Moved to the DLQ', { jobId: 'job-9' });
    } finally {
      capture.stop();
    }

    // Assess
    expect(capture.entries().map((entry) => [entry.message, entry.jobId])).toEqual([
      ['Email sent', 'job-9'],
      ['Moved to the DLQ', 'job-9'],
    ]);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('Moved to the DLQ');
  });
});
