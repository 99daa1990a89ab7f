import { describe, expect, it } from 'vitest';
import { tallyChaos } from '../../../local/chaos/tally-chaos.js';
import type { DeadLetterRow } from '../../../local/operations/dead-letters.js';

const createRow = (overrides: Partial<DeadLetterRow>): DeadLetterRow => ({
  messageId: 'm',
  jobId: undefined,
  reason: 'MessageRejected',
  errorReason: undefined,
  errorName: 'MessageRejected',
  errorMessage: undefined,
  attemptCount: 1,
  firstSeenAt: undefined,
  sentAt: undefined,
  body: '{}',
  ...overrides,
});

const input = {
  accepted: new Map([
    ['job-a', 'a@example.com'],
    ['job-b', 'b@example.com'],
    ['job-c', 'c@example.com'],
    ['job-r', 'r@example.com'],
  ]),
  rejectedJobIds: new Set(['job-r']),
  malformedBodies: new Set(['not json']),
};

describe('tallyChaos', () => {
  it('counts a clean run: one email each, failures in the DLQ once', () => {
    // Act
    const tally = tallyChaos(
      input,
      new Map([
        ['a@example.com', 1],
        ['b@example.com', 1],
        ['c@example.com', 1],
      ]),
      [
        createRow({ jobId: 'job-r' }),
        createRow({
          errorName: 'InvalidEmailJobError',
          errorReason: 'invalid-json',
          body: 'not json',
        }),
      ],
    );

    // Assess
    expect(tally).toMatchObject({
      accepted: 4,
      expectedDeliveries: 3,
      delivered: 3,
      duplicates: 0,
      lost: 0,
      unexpectedEmails: 0,
      inDlq: 2,
      missingFromDlq: 0,
      unexpectedInDlq: 0,
      dlqCopies: 0,
    });
    expect(tally.dlqByReason).toEqual([
      ['MessageRejected', 1],
      ['invalid-json', 1],
    ]);
  });

  it('counts duplicates, lost emails, emails to rejected recipients and stray DLQ messages', () => {
    // Act
    const tally = tallyChaos(
      input,
      new Map([
        ['a@example.com', 3],
        ['r@example.com', 1],
      ]),
      [
        createRow({ jobId: 'job-r' }),
        createRow({ jobId: 'job-r' }),
        createRow({ jobId: 'job-c', errorName: undefined }),
      ],
    );

    // Assess
    expect(tally).toMatchObject({
      delivered: 1,
      duplicates: 2,
      duplicatedRecipients: ['a@example.com'],
      lost: 2,
      unexpectedEmails: 1,
      missingFromDlq: 1,
      unexpectedInDlq: 1,
      dlqCopies: 1,
    });
    expect(tally.dlqByReason).toEqual([
      ['MessageRejected', 2],
      ['reached maxReceiveCount', 1],
    ]);
  });
});
