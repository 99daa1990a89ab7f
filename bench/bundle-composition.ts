import { build } from 'esbuild';
import { bundlingOptionsOf, projectRoot, resolveFunctionEntry } from '../lib/node-function.js';

/** Bytes of a bundle by the package (or project folder) they come from, largest first. */
export type BundleComposition = readonly { readonly source: string; readonly bytes: number }[];

/**
 * What a function's tuned bundle is made of: rebuilds it with the stack's bundling options
 * (`bundlingOptionsOf`, mapped to esbuild's) and esbuild's metafile, and adds up the
 * output bytes per npm package (`node_modules/<name>`, nested ones as `a > b`) or project
 * folder. Shows what bounds the bundle's size.
 *
 * @param functionName - the folder under `functions/`, e.g. `send-email`
 * @returns the sources, largest first
 * @throws esbuild's error when the sources do not build
 */
export async function describeBundleComposition(functionName: string): Promise<BundleComposition> {
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
  const output = Object.values(result.metafile.outputs).find((file) => file.entryPoint);
  const bytesBySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const source = nameSource(input);
    bytesBySource.set(source, (bytesBySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bytesBySource]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

function nameSource(input: string): string {
  const packages = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]);
  if (packages.length > 0) return packages.join(' > ');
  return input.split('/').slice(0, 2).join('/');
}
