import { readFileSync } from 'node:fs';
import { render, toPlainText } from '@react-email/render';
import { describe, expect, it } from 'vitest';
import { passwordResetEmail } from '../fixtures/emails/password-reset.js';
import { signInCodeEmail } from '../fixtures/emails/sign-in-code.js';

// The "Add a template" examples a reader copies into emails/ are the fixtures the type-check
// compiles and these tests render, so a change to the template API cannot leave them stale.

/** The ```tsx block of a Markdown file that starts with `// emails/<file>`. */
function documentedBlock(markdownFile: string, file: string): string {
  const markdown = readFileSync(markdownFile, 'utf8');
  const start = markdown.indexOf(`\`\`\`tsx\n// emails/${file}\n`);
  expect(start, `${markdownFile} shows emails/${file}`).toBeGreaterThanOrEqual(0);
  const body = markdown.slice(markdown.indexOf('\n', markdown.indexOf('\n', start) + 1) + 1);
  return body.slice(0, body.indexOf('```\n'));
}

/** A fixture as it would sit in emails/: its leading comment gone, its imports from './'. */
function asInEmails(fixture: string): string {
  return readFileSync(`test/fixtures/emails/${fixture}`, 'utf8')
    .replace(/^(\/\/.*\n)+/, '')
    .replaceAll("'../../../emails/", "'./");
}

describe.each([
  ['README.md', 'sign-in-code.tsx'],
  ['docs/templates.md', 'password-reset.tsx'],
])('the example of %s', (markdownFile, file) => {
  it(`is the fixture ${file}, which the type-check compiles`, () => {
    expect(documentedBlock(markdownFile, file)).toBe(asInEmails(file));
  });
});

describe('the README example', () => {
  it.each([
    ['en', 'Your sign-in code', 'Your sign-in code:'],
    ['de', 'Ihr Anmeldecode', 'Ihr Anmeldecode:'],
  ] as const)('renders in %s with its subject and the code', async (locale, subject, intro) => {
    // Act
    const prepared = signInCodeEmail.prepare({ code: '271828', locale });
    if (!prepared.success) throw new Error('the props were refused');
    const text = toPlainText(await render(prepared.element));

    // Assess
    expect(prepared.subject).toBe(subject);
    expect(text).toContain(intro);
    expect(text).toContain('271828');
  });

  it('refuses a code that is not six digits, naming the field', () => {
    // Act
    const prepared = signInCodeEmail.prepare({ code: '12ab' });

    // Assess
    expect(prepared.success).toBe(false);
    if (prepared.success) return;
    expect(prepared.issues.map(({ path, message }) => [path.join('.'), message])).toEqual([
      ['code', 'A code is six digits'],
    ]);
  });
});

describe('the docs/templates.md example', () => {
  it('renders its preview props in German, the date per locale', async () => {
    // Act
    const prepared = passwordResetEmail.prepare({
      ...passwordResetEmail.component.PreviewProps,
      locale: 'de',
    });
    if (!prepared.success) throw new Error('the props were refused');
    const text = toPlainText(await render(prepared.element));

    // Assess
    expect(prepared.subject).toBe('Ihr Code zum Zurücksetzen des Passworts');
    expect(text).toContain('031415');
    expect(text).toContain('5. März 2026');
  });
});
