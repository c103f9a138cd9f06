import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCycloneDx } from '@gatehouse/scanners/sbom';
import { runCli } from '../test-support/run-cli';

const fixture = new URL('./__fixtures__/npm-project/', import.meta.url).pathname;

/** A copy of the small npm project (package.json and a v3 lockfile, no node_modules). */
function npmProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-scan-sbom-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

const engine = (dir: string, id: string) =>
  (JSON.parse(readFileSync(join(dir, '.gatehouse', 'findings.json'), 'utf8')) as { engines: { id: string; status: string; reason?: string }[] }).engines.find((e) => e.id === id);
const summaryText = (dir: string) => readFileSync(join(dir, '.gatehouse', 'summary.md'), 'utf8').replace(/\\/g, '');

describe('gatehouse scan --sbom', () => {
  it('writes sbom.cdx.json from the lockfile with the bundled cyclonedx-npm, valid against the official schema', async () => {
    const dir = npmProject();
    writeFileSync(join(dir, 'requirements.txt'), 'requests==2.19.0\n');
    const run = await runCli(['scan', dir, '--sbom', '--engines', 'secretlint']);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, '.gatehouse', 'sbom.cdx.json'), 'utf8');
    expect(await validateCycloneDx(text)).toEqual({ valid: true, specVersion: '1.6' });
    const sbom = JSON.parse(text) as { components: { name: string; version: string; purl?: string }[] };
    expect(sbom.components.map((c) => c.purl)).toEqual(['pkg:npm/lodash@4.17.15']);
    expect(engine(dir, 'cdxgen')).toMatchObject({ status: 'ran', reason: 'cyclonedx-npm on package-lock.json' });
    const summary = summaryText(dir);
    expect(summary).toContain('sbom.cdx.json: CycloneDX 1.6 SBOM of 1 component(s) from package-lock.json');
    expect(summary).toContain('not in the SBOM: requirements.txt (cyclonedx-npm reads npm projects only');
    // One line about the file, without the machine's absolute path.
    expect(summary).not.toContain(join(dir, '.gatehouse', 'sbom.cdx.json'));
    expect(run.stderr).toContain('sbom.cdx.json}');
  });

  it('makes the run incomplete, naming the cause, and keeps no SBOM when cyclonedx-npm fails', async () => {
    const dir = npmProject();
    writeFileSync(join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": ');
    // An SBOM from an earlier run must not survive looking current.
    mkdirSync(join(dir, '.gatehouse'));
    writeFileSync(join(dir, '.gatehouse', 'sbom.cdx.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6"}\n');
    const run = await runCli(['scan', dir, '--sbom', '--engines', 'secretlint']);
    expect(run.code).toBe(2);
    const generator = engine(dir, 'cdxgen');
    expect(generator?.status).toBe('incomplete');
    expect(generator?.reason).toMatch(/^cyclonedx-npm: .*exited with code \d+; last stderr line: ./);
    expect(existsSync(join(dir, '.gatehouse', 'sbom.cdx.json'))).toBe(false);
    expect(summaryText(dir)).toContain('sbom.cdx.json was not written');
  });

  it('lists the generator as not run when there is no npm lockfile to describe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-scan-sbom-'));
    writeFileSync(join(dir, 'requirements.txt'), 'requests==2.19.0\n');
    const run = await runCli(['scan', dir, '--sbom', '--engines', 'secretlint']);
    expect(run.code).toBe(0);
    expect(engine(dir, 'cdxgen')).toMatchObject({ status: 'not-run', reason: expect.stringContaining('no npm project with a lockfile') });
    expect(existsSync(join(dir, '.gatehouse', 'sbom.cdx.json'))).toBe(false);
  });

  it('writes no SBOM without --sbom, so the default scan stays fast, and removes one an earlier run left', async () => {
    const dir = npmProject();
    mkdirSync(join(dir, '.gatehouse'));
    writeFileSync(join(dir, '.gatehouse', 'sbom.cdx.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6"}\n');
    const run = await runCli(['scan', dir, '--engines', 'secretlint']);
    expect(run.code).toBe(0);
    expect(engine(dir, 'cdxgen')).toBeUndefined();
    expect(existsSync(join(dir, '.gatehouse', 'sbom.cdx.json'))).toBe(false);
  });

  it('refuses --sbom with --staged', async () => {
    const run = await runCli(['scan', npmProject(), '--sbom', '--staged']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sbom describes the working tree');
  });
});
