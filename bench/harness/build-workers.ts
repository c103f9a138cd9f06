import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { REPO_ROOT } from './bench-paths';

/** The bundles a bench run executes as child processes. */
export interface BenchBundles {
  pipelineWorker: string;
  /** A bundle of @actions/core alone that fails on a missing input, as an action's first step does. */
  coreOnly: string;
  /** The smallest action built on action-kit: read one required input inside runAction. */
  actionKitMinimal: string;
}

/** The project's own esbuild options (scripts/build-targets.mjs), so baselines are bundled as actions are. */
async function projectBundleOptions(): Promise<BuildOptions> {
  const specifier = pathToFileURL(join(REPO_ROOT, 'scripts', 'build-targets.mjs')).href;
  const module = (await import(specifier)) as { bundleOptions: BuildOptions };
  return module.bundleOptions;
}

export async function buildBenchBundles(outDir: string): Promise<BenchBundles> {
  mkdirSync(outDir, { recursive: true });
  const options = await projectBundleOptions();
  const bundle = async (entry: string, name: string) => {
    const outfile = join(outDir, `${name}.js`);
    await build({ ...options, entryPoints: [join(REPO_ROOT, 'bench', 'workers', entry)], outfile });
    return outfile;
  };
  return {
    pipelineWorker: await bundle('pipeline-worker.ts', 'pipeline-worker'),
    coreOnly: await bundle('core-only-action.ts', 'core-only-action'),
    actionKitMinimal: await bundle('action-kit-minimal-action.ts', 'action-kit-minimal-action'),
  };
}
