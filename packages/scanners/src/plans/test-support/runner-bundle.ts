import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The secretlint runner as it ships, bundled fresh from the sources by the project's own esbuild
 * settings (scripts/build-targets.mjs), so a test runs the code of this checkout even when
 * packages/scanners/dist is stale. Bootstrap builds the same file there.
 */
export async function buildSecretlintRunnerBundle(): Promise<string> {
  const root = join(new URL('.', import.meta.url).pathname, '..', '..', '..', '..', '..');
  const targets = await import(pathToFileURL(join(root, 'scripts/build-targets.mjs')).href);
  const target = targets.localTargets().find((t: { name: string }) => t.name === 'secretlint-runner');
  if (!target) throw new Error('scripts/build-targets.mjs does not register the secretlint runner');
  const { build } = await import('esbuild');
  const bundle = join(mkdtempSync(join(tmpdir(), 'gh-secretlint-bundle-')), 'secretlint-runner.js');
  await build({ ...targets.bundleOptions, entryPoints: target.entryPoints, outfile: bundle, logLevel: 'error' });
  return bundle;
}
