import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot, resolveFunctionEntry } from '../lib/node-function.js';

/**
 * Bundles a function the way `NodejsFunction` does when given no `bundling` options, for
 * the Node.js 22 runtime: the comparison for the stack's tuned bundles.
 *
 * The esbuild command CDK 2.276 builds then (`aws-lambda-nodejs/lib/bundling.js`,
 * `createBundlingCommand` and `buildEsbuildArgs`) is
 * `esbuild --bundle <entry> --target=node22 --platform=node --outfile=<dir>/index.js
 * --external:@aws-sdk/*`, run in the project root: no `--format` (esbuild's default for
 * `platform: node`, CommonJS), no `--minify`, no `--sourcemap`, no `--define` (so
 * `process.env.NODE_ENV` stays a runtime lookup and React keeps its development build),
 * no `--tree-shaking` or `--main-fields` flag (esbuild's defaults), the runtime-provided AWS
 * SDK v3 as the only external (`@smithy/*` joins it only under a feature flag this app
 * does not set).
 *
 * @param functionName - the folder under `functions/`, e.g. `send-email`
 * @param outDir - an empty directory; receives `index.js`
 * @returns the path of `index.js`
 * @throws esbuild's error when the sources do not build
 */
export async function bundleWithCdkDefaults(functionName: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'index.js');
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [resolveFunctionEntry(functionName)],
    bundle: true,
    target: 'node22',
    platform: 'node',
    outfile,
    external: ['@aws-sdk/*'],
    logLevel: 'warning',
  });
  return outfile;
}
