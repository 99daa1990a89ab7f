import { build, type Metafile } from 'esbuild';
import { bundlingOptionsOf, projectRoot, resolveFunctionEntry } from '../../lib/node-function.js';

/**
 * Rebuilds a function's bundle in memory with the stack's bundling options
 * (`bundlingOptionsOf`, mapped to esbuild's) and returns esbuild's metafile entry for it:
 * its inputs with their output bytes, and the imports left external. Nothing is written.
 *
 * @param functionName - the folder under `functions/`, e.g. `send-email`
 * @returns the metafile output of the entry point, if esbuild reports one
 * @throws esbuild's error when the sources do not build
 */
export async function buildFunctionMetafile(
  functionName: string,
): Promise<Metafile['outputs'][string] | undefined> {
  const options = bundlingOptionsOf(functionName);
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [resolveFunctionEntry(functionName)],
    bundle: true,
    platform: 'node',
    format: options.format,
    target: options.target,
    minify: options.minify,
    define: options.define,
    external: [...(options.externalModules ?? [])],
    ...(options.mainFields === undefined ? {} : { mainFields: [...options.mainFields] }),
    metafile: true,
    write: false,
    outfile: 'index.js',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).find((file) => file.entryPoint);
}
