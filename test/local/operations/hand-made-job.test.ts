import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { buildHandMadeJob } from '../../../local/operations/hand-made-job.js';

const now = new Date('2026-03-05T09:30:00.000Z');

describe('buildHandMadeJob (npm run enqueue)', () => {
  it('builds a job the queue contract accepts, name and locale in the props', () => {
    // Act
    const built = buildHandMadeJob(
      {
        template: 'welcome',
        to: 'Ann@Example.COM',
        name: 'Ann',
        locale: 'de',
        props: '{"appUrl":"https://app.example","nextSteps":["add-sender"]}',
      },
      now,
    );

    // Assess
    expect(built).toEqual({
      ok: true,
      job: {
        v: 1,
        id: expect.any(String),
        template: 'welcome',
        to: { email: 'Ann@example.com', name: 'Ann' },
        props: {
          name: 'Ann',
          appUrl: 'https://app.example',
          nextSteps: ['add-sender'],
          locale: 'de',
        },
        createdAt: now.toISOString(),
      },
    });
    expect(built.ok && emailJobSchema.safeParse(built.job).success).toBe(true);
  });

  it('names the registered templates when the template is unknown', () => {
    // Act
    const built = buildHandMadeJob({ template: 'password-reset', to: 'ann@example.com' });

    // Assess
    expect(built).toEqual({
      ok: false,
      problems: [
        'No template is named "password-reset"; the registry has verify-email, welcome, already-registered',
      ],
    });
  });

  it("gives each field the template's schema refuses, and the recipient the API would refuse", () => {
    // Act
    const built = buildHandMadeJob({
      template: 'verify-email',
      to: 'victim@localhost',
      props: '{"confirmUrl":"javascript:alert(1)"}',
    });

    // Assess
    expect(built).toEqual({
      ok: false,
      problems: [
        'props.confirmUrl: Invalid URL',
        'props.expiresInMinutes: Invalid input: expected number, received undefined',
        'to.email: The address must have a domain with a top-level domain, like example.com',
      ],
    });
  });

  it.each([
    { description: 'props that are not JSON', props: '{name:', problem: /^--props is not JSON/ },
    {
      description: 'props that are a list',
      props: '[]',
      problem: /^--props must be a JSON object$/,
    },
  ])('refuses $description', ({ props, problem }) => {
    // Act
    const built = buildHandMadeJob({ template: 'welcome', to: 'ann@example.com', props });

    // Assess
    expect(built.ok).toBe(false);
    expect(built.ok ? [] : built.problems).toEqual([expect.stringMatching(problem)]);
  });

  it('asks for the template and the recipient', () => {
    // Act
    const built = buildHandMadeJob({});

    // Assess
    expect(built.ok ? [] : built.problems).toEqual([
      '--template (one of verify-email, welcome, already-registered) and --to are required',
    ]);
  });
});
