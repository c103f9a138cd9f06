// The README's first Quick start command, end to end: the CLI bundle built fresh (as bootstrap builds
// it), run as a user runs it, on examples/vulnerable-app. Everything it writes is checked against the
// official and exported schemas, for leaks, and report.html in a real browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCycloneDx } from '../../packages/scanners/src/sbom/validate-cyclonedx';
import { createAjv } from '../../packages/report/src/test-support/ajv';
import { findingsJsonErrors, officialSarifErrors } from '../../packages/cli/src/test-support/output-validation';
import { bundleOptions, localTargets } from '../../scripts/build-targets.mjs';
import { checkHtmlReport } from '../browser/check-html-report';
import { chromiumAvailability } from '../browser/chromium';

const root = fileURLToPath(new URL('../../', import.meta.url));
const app = join(root, 'examples/vulnerable-app');
const schema = (name: string) => JSON.parse(readFileSync(join(root, 'docs/schema', name), 'utf8'));

describe('gatehouse demo', () => {
  // Built where bootstrap puts the CLI bundle (git-ignored packages/cli/dist/), so it finds the
  // dependencies of packages/cli as the real bin does: cyclonedx-npm and the CycloneDX schemas.
  mkdirSync(join(root, 'packages/cli/dist'), { recursive: true });
  const bin = mkdtempSync(join(root, 'packages/cli/dist/e2e-'));
  const out = mkdtempSync(join(tmpdir(), 'gatehouse-demo-out-'));
  let run: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    for (const target of localTargets()) {
      await build({ ...bundleOptions, entryPoints: target.entryPoints, outfile: join(bin, `${target.name}.js`) });
    }
    const result = spawnSync(process.execPath, [join(bin, 'cli.js'), 'demo', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GATEHOUSE_SECRETLINT_RUNNER: join(bin, 'secretlint-runner.js'), GITHUB_ACTIONS: '' },
      timeout: 240_000,
    });
    run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }, 300_000);
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('exits 0: blocked for the planted problems, each one found', () => {
    expect(run.stderr).toContain('behaved as expected');
    expect(run.status).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(doc.decision.verdict).toBe('block');
    expect(doc.engines.find((e: { id: string }) => e.id === 'secretlint').status).toBe('ran');
  });

  it('finds the insecure Python with bandit for real, at the right lines', () => {
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    const bandit = doc.engines.find((e: { id: string }) => e.id === 'bandit');
    if (process.env.CI === 'true') expect(bandit.status).toBe('ran');
    if (bandit.status !== 'ran') return;
    const source = readFileSync(join(app, 'api/app.py'), 'utf8').split('\n');
    const lineOf = (needle: string) => source.findIndex((l) => l.includes(needle)) + 1;
    const at = (rule: string) =>
      doc.findings.find((f: { ruleId: string; sources: { engine: string }[] }) => f.ruleId === rule && f.sources[0]!.engine === 'bandit')?.location.startLine;
    expect(at('B602')).toBe(lineOf('shell=True'));
    expect(at('B307')).toBe(lineOf('eval('));
    expect(at('B303')).toBe(lineOf('hashlib.md5'));
    expect(at('B506')).toBe(lineOf('yaml.load('));
  });

  it('writes SARIF valid against the official schema and findings.json valid against the exported one', () => {
    expect(officialSarifErrors(JSON.parse(readFileSync(join(out, 'results.sarif'), 'utf8')))).toEqual([]);
    expect(findingsJsonErrors(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')))).toEqual([]);
  });

  it('writes compliance.json and audit.jsonl valid against their schemas', () => {
    const ajv = createAjv();
    const compliance = ajv.compile(schema('compliance.schema.json'));
    expect(compliance(JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'))), JSON.stringify(compliance.errors)).toBe(true);
    const event = ajv.compile(schema('audit-event.schema.json'));
    const lines = readFileSync(join(out, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(event(JSON.parse(line)), line).toBe(true);
    const types = lines.map((l) => JSON.parse(l).type);
    expect(types).toEqual(expect.arrayContaining(['policy.loaded', 'engine.started', 'engine.finished', 'verdict']));
  });

  it('writes sbom.cdx.json of the web app with cyclonedx-npm for real, valid against the official CycloneDX schema', async () => {
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    const generator = doc.engines.find((e: { id: string }) => e.id === 'cdxgen');
    expect(generator, JSON.stringify(doc.engines)).toMatchObject({ status: 'ran', reason: 'cyclonedx-npm on web/package-lock.json' });
    const text = readFileSync(join(out, 'sbom.cdx.json'), 'utf8');
    expect(await validateCycloneDx(text)).toEqual({ valid: true, specVersion: '1.6' });
    const sbom = JSON.parse(text) as { components: { name: string; version: string; purl?: string }[] };
    const lock = JSON.parse(readFileSync(join(app, 'web/package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['node_modules/lodash']?.version).toBe('4.17.15');
    expect(sbom.components).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15' })]));
    const summary = readFileSync(join(out, 'summary.md'), 'utf8').replace(/\\/g, '');
    expect(summary).toContain(`sbom.cdx.json: CycloneDX 1.6 SBOM of ${sbom.components.length} component(s) from web/package-lock.json`);
    expect(summary).toMatch(/not in the SBOM: api\/requirements\.txt \(cyclonedx-npm reads npm projects only/);
    expect(run.stderr).toMatch(/wrote .*sbom\.cdx\.json/);
  });

  it('writes none of the planted secret values anywhere', () => {
    const planted = readdirSync(join(app, '.demo-secrets')).flatMap((name) => {
      const text = readFileSync(join(app, '.demo-secrets', name), 'utf8');
      const values = [...text.matchAll(/^[A-Za-z_]+\s*=\s*"?([^"\n]+)"?$/gm)].map((m) => m[1]!);
      const pemBody = text.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----'));
      return [...values, ...pemBody];
    });
    expect(planted.length).toBeGreaterThanOrEqual(6);
    const outputs = readdirSync(out).map((name) => readFileSync(join(out, name), 'utf8'));
    for (const value of planted) {
      for (const text of [...outputs, run.stdout, run.stderr]) expect(text.includes(value)).toBe(false);
    }
  });

  const chromium = chromiumAvailability();
  it.skipIf(!chromium.available && process.env.CI !== 'true')('report.html loads offline in Chromium with the hostile third-party title inert', async () => {
    if (!chromium.available) throw new Error(chromium.message);
    const result = await checkHtmlReport(join(out, 'report.html'), {
      requireInertTitle: true,
      screenshotPath: join(root, 'test-artifacts/demo-report.png'),
    });
    expect(result).toBeDefined();
    expect(existsSync(join(root, 'test-artifacts/demo-report.png'))).toBe(true);
  });
});
