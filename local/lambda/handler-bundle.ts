import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { build } from 'esbuild';

/** A handler bundled into one CommonJS file in a temporary directory; see {@link bundleHandler}. */
export interface HandlerBundle {
  /** Path of the latest build: a new file whenever the output changed. */
  readonly path: string;
  /**
   * Builds again from the sources as they are now.
   *
   * @returns true when the output changed (then `path` is a new file), false when not
   * @throws esbuild's error when the sources do not build; `path` stays the last good build
   */
  rebuild(): Promise<boolean>;
  /** Deletes the temporary directory and every build in it. */
  remove(): Promise<void>;
}

/**
 * Bundles a handler (or a worker container's entry) into one CommonJS file, as the deployed
 * functions are bundled: `NODE_ENV=production` inlined so React runs its production build,
 * and prettier left out, as `neverLoadedModules` in lib/node-function.ts does (not imported
 * here: it would load aws-cdk-lib into the local stack). A container starts from it in
 * about half a second, where loading the TypeScript sources through tsx takes several times
 * that; and a new build is a new file, so the next process or `require` of it gets the
 * code as it is now, while the emulators keep running.
 *
 * @param entry - absolute path of the entry file
 * @returns the bundle, built once
 * @throws esbuild's error when the sources do not build
 */
export async function bundleHandler(entry: string): Promise<HandlerBundle> {
  const directory = await mkdtemp(join(tmpdir(), 'signup-mailer-bundle-'));
  const name = basename(entry, extname(entry));
  let builds = 0;
  let path = '';
  let digest = '';
  const rebuild = async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['prettier'],
      write: false,
      outfile: join(directory, `${name}.cjs`),
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const nextDigest = createHash('sha256').update(code).digest('hex');
    if (nextDigest === digest) return false;
    builds += 1;
    const nextPath = join(directory, `${name}-${builds}.cjs`);
    await writeFile(nextPath, code);
    [path, digest] = [nextPath, nextDigest];
    return true;
  };
  try {
    await rebuild();
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    get path() {
      return path;
    },
    rebuild,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
