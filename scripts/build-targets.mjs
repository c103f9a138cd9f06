// What `pnpm build` produces. Shared with the dist check, which builds the same targets in memory and
// compares them with the committed files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

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
  // The CycloneDX library (sbom) requires its optional XML validator plugin, which is not installed
  // (a native module); JSON validation never loads it (docs/sbom.md, "Bundling").
  external: ['libxmljs2'],
  // Some CommonJS dependencies call require() on Node built-ins; give the ESM bundle a require.
  banner: {
    js: "import { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);",
  },
};

/**
 * The bundles of one action: src/index.ts -> dist/index.js, plus the extra entry points its
 * `build.json` declares, each bundled next to it (an action that runs secretlint ships the runner):
 *
 *   { "extraBundles": { "secretlint-runner.js": "packages/scanners/src/secretlint/runner.ts" } }
 *
 * Entry paths are relative to the repository root. A malformed build.json throws: a missing runner
 * would only show up as an incomplete engine on a user's runner.
 */
export function actionBundles(repositoryRoot, name) {
  const dir = join(repositoryRoot, 'actions', name);
  return [
    { name, entryPoints: [join(dir, 'src', 'index.ts')], outfile: join(dir, 'dist', 'index.js') },
    ...extraBundles(repositoryRoot, dir).map((extra) => ({ name: `${name}/${extra.file}`, entryPoints: [extra.entry], outfile: join(dir, 'dist', extra.file) })),
  ];
}

/** The extra bundles an action directory's build.json declares: `{ file, entry }` with `entry` absolute. */
export function extraBundles(repositoryRoot, actionDir) {
  const manifest = join(actionDir, 'build.json');
  if (!existsSync(manifest)) return [];
  const where = manifest.startsWith(repositoryRoot) ? manifest.slice(repositoryRoot.length + 1) : manifest;
  let extra;
  try {
    extra = JSON.parse(readFileSync(manifest, 'utf8')).extraBundles ?? {};
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${error.message}`);
  }
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) throw new Error(`${where}: extraBundles must be an object of "<file>.js": "<entry>"`);
  return Object.entries(extra).map(([file, entry]) => {
    if (!/^[a-z0-9][a-z0-9-]*\.js$/.test(file) || file === 'index.js') throw new Error(`${where}: bundle name ${JSON.stringify(file)} must be <lowercase-name>.js and not index.js`);
    if (typeof entry !== 'string' || isAbsolute(entry) || entry.split('/').includes('..') || !existsSync(join(repositoryRoot, entry))) {
      throw new Error(`${where}: entry ${JSON.stringify(entry)} of ${file} must be an existing file, relative to the repository root`);
    }
    return { file, entry: join(repositoryRoot, entry) };
  });
}

/** The committed action bundles: actions/<name>/src/index.ts -> actions/<name>/dist/index.js, and their extras. */
export function actionTargets() {
  const dir = new URL('actions/', root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`actions/${d.name}/src/index.ts`, root)))
    .flatMap((d) => actionBundles(rootPath, d.name));
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
