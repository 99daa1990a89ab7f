import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A bundled worker container, in a temporary directory. */
export interface ContainerBundle {
  /** Path of the CommonJS bundle to `fork`. */
  readonly path: string;
  /** Deletes the temporary directory. */
  remove(): Promise<void>;
}

/**
 * Bundles the worker container (`container-entry.ts` with the send-email handler) into one
 * CommonJS file, as the deployed function is bundled: `NODE_ENV=production` inlined so React
 * runs its production build. A container then starts in about half a second, where loading
 * the TypeScript sources through tsx takes several times that.
 *
 * @returns the bundle's path and `remove()`
 * @throws esbuild's error when the sources do not build
 */
export async function buildContainerBundle(): Promise<ContainerBundle> {
  const directory = await mkdtemp(join(tmpdir(), 'signup-mailer-worker-'));
  const path = join(directory, 'container.cjs');
  try {
    await build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'container-entry.ts')],
      outfile: path,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      define: { 'process.env.NODE_ENV': '"production"' },
      // As the deployed bundle (`neverLoadedModules`, lib/node-function.ts, which this module
      // does not import: it would load aws-cdk-lib into the local stack).
      external: ['prettier'],
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
