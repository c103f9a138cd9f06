import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { actionBundles } from '../../../scripts/build-targets.mjs';

/** Names of actions/<name>/ folders that have a src/index.ts (what `pnpm build` bundles). */
export function bundledActions(root: string): string[] {
  const dir = join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'src', 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** actions/<name>/src/index.ts bundled in memory with `options`, as `pnpm build` writes it to dist/index.js. */
export async function buildActionBundle(root: string, name: string, options: BuildOptions): Promise<Uint8Array> {
  return buildBundle(root, join(root, 'actions', name, 'src', 'index.ts'), join(root, 'actions', name, 'dist', 'index.js'), options);
}

async function buildBundle(root: string, entry: string, outfile: string, options: BuildOptions): Promise<Uint8Array> {
  const { build } = await import('esbuild');
  const result = await build({ ...options, absWorkingDir: root, entryPoints: [entry], outfile, write: false });
  const [output] = result.outputFiles ?? [];
  if (!output) throw new Error(`esbuild produced nothing for ${relative(root, entry)}`);
  return output.contents;
}

/**
 * Problems with the committed bundles: for each action with src/index.ts, dist/index.js (and every
 * extra bundle its build.json declares, such as dist/secretlint-runner.js) must be byte-for-byte what
 * the build produces now. Each problem names the file and the fix.
 */
export async function staleBundleProblems(root: string, options: BuildOptions): Promise<string[]> {
  const problems: string[] = [];
  for (const name of bundledActions(root)) {
    let bundles;
    try {
      bundles = actionBundles(root, name);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    for (const bundle of bundles) {
      const committed = relative(root, bundle.outfile).split(sep).join('/');
      if (!existsSync(bundle.outfile)) {
        problems.push(`${committed} is missing: run pnpm build and commit it`);
        continue;
      }
      const built = await buildBundle(root, bundle.entryPoints[0]!, bundle.outfile, options);
      if (!Buffer.from(built).equals(readFileSync(bundle.outfile))) {
        const source = relative(root, bundle.entryPoints[0]!).split(sep).join('/');
        problems.push(`${committed} is stale (it differs from a fresh build of ${source === `actions/${name}/src/index.ts` ? 'src/index.ts' : source}): run pnpm build and commit it`);
      }
    }
  }
  return problems;
}

/** Problems with action.yml files: every action runs on node24 from dist/index.js. */
export function actionManifestProblems(root: string): string[] {
  const dir = join(root, 'actions');
  if (!existsSync(dir)) return [];
  const problems: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifestPath = join(dir, entry.name, 'action.yml');
    if (!existsSync(manifestPath)) {
      if (existsSync(join(dir, entry.name, 'src', 'index.ts'))) problems.push(`actions/${entry.name} has src/index.ts but no action.yml`);
      continue;
    }
    let manifest: { runs?: { using?: unknown; main?: unknown } };
    try {
      manifest = (parseYaml(readFileSync(manifestPath, 'utf8')) ?? {}) as typeof manifest;
    } catch (error) {
      problems.push(`actions/${entry.name}/action.yml is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (manifest.runs?.using !== 'node24') {
      problems.push(`actions/${entry.name}/action.yml: runs.using must be node24 (found ${JSON.stringify(manifest.runs?.using ?? null)})`);
    }
    if (manifest.runs?.main !== 'dist/index.js') {
      problems.push(`actions/${entry.name}/action.yml: runs.main must be dist/index.js (found ${JSON.stringify(manifest.runs?.main ?? null)})`);
    }
  }
  return problems;
}
