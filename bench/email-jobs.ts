import { randomUUID } from 'node:crypto';
import type { EmailJob } from '../functions/commons/email-job.js';

// Names that exercise what a renderer must get right: HTML escaping, non-ASCII, no name.
const names = [
  'Ada',
  'Ann-Marie O\u2019Brien',
  'Zo\u00eb & Jos\u00e9 <team>',
  '\u5c71\u7530 \u592a\u90ce',
  'Ren\u00e9e "Rae" L\u00f3pez',
  undefined,
] as const;

/**
 * Builds `count` distinct `verify-email` jobs as the signup function queues them: each its own
 * id, address and signed-looking link, with a spread of names (escaping, non-ASCII, none).
 *
 * @param count - how many
 * @param appUrl - base URL of the confirmation links
 * @returns the jobs
 */
export function makeVerifyEmailJobs(count: number, appUrl = 'https://signup.example.test') {
  return Array.from({ length: count }, (_, index): EmailJob => {
    const name = names[index % names.length];
    const token = `${Buffer.from(`{"e":"bench-${index}@example.com"}`).toString('base64url')}.${randomUUID().replaceAll('-', '')}`;
    return {
      v: 1,
      id: randomUUID(),
      template: 'verify-email',
      to: { email: `bench-${index}@example.com`, ...(name === undefined ? {} : { name }) },
      props: {
        ...(name === undefined ? {} : { name }),
        confirmUrl: `${appUrl}/confirm?token=${token}`,
        expiresInMinutes: 60 + (index % 3) * 30,
      },
      createdAt: new Date().toISOString(),
    };
  });
}
