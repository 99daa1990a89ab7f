import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * The project's import rules. Shipped code (what the Lambda bundles hold) reads its settings
 * from its environment and never pulls in the infrastructure or the tooling around it; and
 * nothing but the tests leans on the tests.
 */
export const importRules = [
  {
    name: 'runtime code imports no infrastructure or tooling',
    importers: ['functions', 'emails'],
    forbidden: ['lib', 'local', 'bench'],
  },
  {
    name: 'only test/ imports from test/',
    importers: ['bin', 'lib', 'functions', 'emails', 'local', 'bench', '.ci'],
    forbidden: ['test'],
  },
] as const;

/** One import that breaks a rule. */
export interface ImportViolation {
  /** The importing file, relative to the project root, e.g. `functions/signup/index.ts`. */
  readonly file: string;
  /** The module specifier as written, e.g. `../../lib/settings.js`. */
  readonly specifier: string;
  readonly rule: string;
}

const sourceFile = /\.(?:[cm]?[jt]s|tsx)$/;
const skippedFolders = new Set(['node_modules', '.git', 'cdk.out', '.react-email', 'coverage']);

/**
 * The imports of one file that break {@link importRules}: static and dynamic imports, type
 * imports, re-exports and `require` calls alike (TypeScript's `preProcessFile`, which skips
 * comments and strings). Package imports are not checked; relative ones are resolved against
 * the file's folder.
 *
 * @param file - the file's path relative to the project root, with `/` separators
 * @param source - the file's text
 */
export function findForbiddenImports(file: string, source: string): ImportViolation[] {
  const importerFolder = file.split('/')[0];
  const rules = importRules.filter((rule) =>
    (rule.importers as readonly string[]).includes(importerFolder ?? ''),
  );
  return ts.preProcessFile(source, true, true).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const targetFolder = posix.normalize(posix.join(posix.dirname(file), fileName)).split('/')[0];
    return rules
      .filter((rule) => (rule.forbidden as readonly string[]).includes(targetFolder ?? ''))
      .map((rule) => ({ file, specifier: fileName, rule: rule.name }));
  });
}

/**
 * Every source file of the project (TypeScript and JavaScript, outside `node_modules` and
 * build output), relative to the root with `/` separators.
 *
 * @param root - the project root
 */
export function listSourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => sourceFile.test(path))
    .filter((path) => !path.split('/').some((part) => skippedFolders.has(part)));
}

/**
 * The imports of the whole project that break {@link importRules}.
 *
 * @param root - the project root
 */
export function checkImportRules(root: string): ImportViolation[] {
  return listSourceFiles(root).flatMap((file) =>
    findForbiddenImports(file, readFileSync(join(root, file), 'utf8')),
  );
}
