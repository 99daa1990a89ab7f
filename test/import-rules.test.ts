import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImportRules, findForbiddenImports, listSourceFiles } from './import-rules.js';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

describe('the import rules of this project', () => {
  it('hold for every source file', () => {
    // Act
    const violations = checkImportRules(projectRoot);

    // Assess
    expect(violations).toEqual([]);
  });

  it('see the files they must: handlers, templates, the stack, the tooling', () => {
    // Act
    const files = listSourceFiles(projectRoot);

    // Assess
    expect(files).toEqual(
      expect.arrayContaining([
        'functions/signup/index.ts',
        'emails/verify-email.tsx',
        'lib/settings.ts',
        'local/stack.ts',
        'bench/run.ts',
      ]),
    );
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([]);
  });
});

describe('findForbiddenImports', () => {
  it.each([
    ['functions/signup/config.ts', "import { settings } from '../../lib/settings.js';"],
    ['functions/send-email/index.ts', "import type { X } from '../../local/stack.js';"],
    ['emails/welcome.tsx', "export { y } from '../local/commands/start.js';"],
    ['functions/commons/x.ts', "const m = await import('../../bench/run.js');"],
  ])('refuses infrastructure or tooling in runtime code: %s', (file, source) => {
    // Act
    const violations = findForbiddenImports(file, source);

    // Assess
    expect(violations).toEqual([
      expect.objectContaining({ file, rule: 'runtime code imports no infrastructure or tooling' }),
    ]);
  });

  it.each([
    ['bench/parts/bundles.ts', "import { f } from '../../test/factories/sqs-event.js';"],
    ['local/stack.ts', "const { g } = require('../test/lib/x.cjs');"],
    ['lib/signup-api.ts', "type T = import('../test/lib/stack-fixture.js').T;"],
    ['functions/signup/index.ts', "import '../../test/setup.js';"],
  ])('refuses an import of test/ from outside it: %s', (file, source) => {
    // Act
    const violations = findForbiddenImports(file, source);

    // Assess
    expect(violations).toEqual([
      expect.objectContaining({ file, rule: 'only test/ imports from test/' }),
    ]);
  });

  it.each([
    ['lib/settings.ts', "import type { V } from '../functions/signup/config.js';"],
    ['functions/signup/http/negotiation.ts', "import { l } from '../../../emails/locales.js';"],
    ['test/lib/x.test.ts', "import { s } from '../../bench/lambda-sandbox/x.js';"],
    [
      'functions/signup/index.ts',
      "import { Router } from '@aws-lambda-powertools/event-handler/http';",
    ],
    ['functions/signup/x.ts', "// import { settings } from '../../lib/settings.js';"],
    ['functions/signup/y.ts', "const path = '../../lib/settings.js';"],
  ])('lets the allowed imports through: %s', (file, source) => {
    expect(findForbiddenImports(file, source)).toEqual([]);
  });
});
