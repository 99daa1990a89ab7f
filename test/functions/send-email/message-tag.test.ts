import { describe, expect, it } from 'vitest';
import { toMessageTag } from '../../../functions/send-email/send-email-job.js';

describe('toMessageTag', () => {
  it('keeps a name and value SES accepts', () => {
    // Act
    const tag = toMessageTag('job_id', '7d444840-9dc0-11d1-b245-5ffdce74fad2');

    // Assess
    expect(tag).toEqual({ Name: 'job_id', Value: '7d444840-9dc0-11d1-b245-5ffdce74fad2' });
  });

  it('replaces characters outside letters, digits, _ and - and cuts at 256', () => {
    // Act
    const tag = toMessageTag('template', `a.b@c d/é${'x'.repeat(300)}`);

    // Assess
    expect(tag.Value).toMatch(/^[A-Za-z0-9_-]{256}$/);
    expect(tag.Value?.startsWith('a_b_c_d__x')).toBe(true);
  });

  it('never sends an empty value', () => {
    // Act
    const tag = toMessageTag('template', '');

    // Assess
    expect(tag.Value).toBe('_');
  });
});
