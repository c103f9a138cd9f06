import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

const repositoryRoot = new URL('../../../', import.meta.url);

/** The esbuild options `pnpm build` uses for every action (scripts/build-targets.mjs). */
export async function actionBundleOptions(): Promise<BuildOptions> {
  const targets = (await import(new URL('scripts/build-targets.mjs', repositoryRoot).href)) as { bundleOptions: BuildOptions };
  return targets.bundleOptions;
}

/**
 * Bundles an action entry point exactly as `pnpm build` bundles actions/<name>/src/index.ts, into
 * `outfile`. For tests that run an action that is not committed (fixtures).
 */
export async function bundleAction(entry: string, outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({ ...(await actionBundleOptions()), entryPoints: [entry], outfile, absWorkingDir: fileURLToPath(repositoryRoot) });
}
