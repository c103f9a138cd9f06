// What `pnpm build` produces. Shared with the dist check, which builds the same targets in memory and
// compares them with the committed files.
import { existsSync, readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const rootPath = new URL('.', root).pathname.replace(/\/$/, '');

/** esbuild options common to every bundle: one ESM file for Node 24 with no external imports. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Paths esbuild records (comments, module ids) are relative to this: builds from any cwd are identical.
  absWorkingDir: rootPath,
  // Some CommonJS dependencies call require() on Node built-ins; give the ESM bundle a require.
  banner: {
    js: "import { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);",
  },
};

/** The committed action bundles: actions/<name>/src/index.ts -> actions/<name>/dist/index.js. */
export function actionTargets() {
  const dir = new URL('actions/', root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`actions/${d.name}/src/index.ts`, root)))
    .map((d) => ({
      name: d.name,
      entryPoints: [new URL(`actions/${d.name}/src/index.ts`, root).pathname],
      outfile: new URL(`actions/${d.name}/dist/index.js`, root).pathname,
    }));
}

/** Built on every bootstrap, not committed: the CLI and the helper scripts engines run as subprocesses. */
export function localTargets() {
  return [
    {
      name: 'cli',
      entryPoints: [new URL('packages/cli/src/main.ts', root).pathname],
      outfile: new URL('packages/cli/dist/gatehouse.js', root).pathname,
    },
    {
      // secretlint and its rules in one file, run as `node secretlint-runner.js --format json …`.
      name: 'secretlint-runner',
      entryPoints: [new URL('packages/scanners/src/secretlint/runner.ts', root).pathname],
      outfile: new URL('packages/scanners/dist/secretlint-runner.js', root).pathname,
    },
  ].filter((t) => existsSync(t.entryPoints[0]));
}
