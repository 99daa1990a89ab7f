import { randomUUID } from 'node:crypto';
import type { EmailJob } from '../../functions/commons/email-job.js';

/**
 * Builds a valid `verify-email` job, as the signup function enqueues it.
 *
 * @param overrides - fields to replace; `to` and `props` replace the whole object
 */
export function makeEmailJob(overrides: Partial<EmailJob> = {}): EmailJob {
  return {
    v: 1,
    id: randomUUID(),
    template: 'verify-email',
    to: { email: 'ann@example.com', name: 'Ann' },
    props: {
      name: 'Ann',
      confirmUrl: 'https://signup.example.com/confirm?token=abc.def',
      expiresInMinutes: 60,
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
