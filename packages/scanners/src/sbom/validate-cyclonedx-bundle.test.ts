import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The CycloneDX library reads its schema files from `<its code>/../res/schema` via `__dirname`.
 * This bundles `validateCycloneDx` the way actions are bundled (scripts/build-targets.mjs: one ESM
 * file with a `require` banner) and shows what an action bundle needs (docs/sbom.md, "Bundling"):
 * a `__dirname` banner, the schema files one directory above `dist/`, and `libxmljs2` external.
 */
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const VALIDATOR = fileURLToPath(new URL('./validate-cyclonedx.ts', import.meta.url));
const SCHEMAS = join(dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library')), '..', 'res', 'schema');
const SBOM = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', components: [] });
/** The library's XML validator plugin: an optional peer dependency Gatehouse does not install, loaded lazily (JSON validation never needs it). */
const OPTIONAL_XML_PLUGINS = ['libxmljs2'] as const;
const REQUIRE_BANNER = "import { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);";
const DIRNAME_BANNER = "import { fileURLToPath as __gatehouseFileURLToPath } from 'node:url';\nimport { dirname as __gatehouseDirname } from 'node:path';\nconst __dirname = __gatehouseDirname(__gatehouseFileURLToPath(import.meta.url));";

async function bundle(banner: string, withSchemas: boolean) {
  const root = mkdtempSync(join(tmpdir(), 'gh-cdx-bundle-'));
  const entry = join(root, 'entry.ts');
  writeFileSync(entry, `import { validateCycloneDx } from ${JSON.stringify(VALIDATOR)};\nconsole.log(JSON.stringify(await validateCycloneDx(${JSON.stringify(SBOM)})));\n`);
  const outfile = join(root, 'action', 'dist', 'index.js');
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(join(root, 'action', 'package.json'), '{"type":"module"}\n');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', absWorkingDir: REPO, banner: { js: banner }, external: [...OPTIONAL_XML_PLUGINS] });
  if (withSchemas) cpSync(SCHEMAS, join(root, 'action', 'res', 'schema'), { recursive: true });
  return spawnSync(process.execPath, [outfile], { encoding: 'utf8', timeout: 60_000 });
}

describe('validateCycloneDx in an ESM action bundle', () => {
  it('cannot validate with only the require banner the project uses today, and says so instead of passing', async () => {
    const run = await bundle(REQUIRE_BANNER, true);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: 'unknown', reason: expect.stringContaining('__dirname is not defined') });
  }, 90_000);

  it('cannot validate without the schema files next to the bundle, and says so instead of passing', async () => {
    const run = await bundle(`${REQUIRE_BANNER}\n${DIRNAME_BANNER}`, false);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: 'unknown', reason: expect.stringContaining('could not run') });
  }, 90_000);

  it('validates with a __dirname banner and res/schema one directory above dist/', async () => {
    const run = await bundle(`${REQUIRE_BANNER}\n${DIRNAME_BANNER}`, true);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, specVersion: '1.6' });
  }, 90_000);
});
