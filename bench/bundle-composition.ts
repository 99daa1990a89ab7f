import { buildFunctionMetafile } from './lambda-sandbox/function-metafile.js';

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
  const output = await buildFunctionMetafile(functionName);
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
