import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '@gatehouse/findings';
import { bundledCycloneDxNpm } from '../cdxgen/local-bin';
import { planSbom } from '../plans/sbom';
import { produceSbom } from './produce-sbom';
import { resolveSbomTool } from './sbom-tools';
import { validateCycloneDx } from './validate-cyclonedx';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/vulnerable-app', import.meta.url));

function copyOfExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-sbom-example-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('.gatehouse') });
  return dir;
}

describe.skipIf(!bundledCycloneDxNpm())('produceSbom on a copy of examples/vulnerable-app, for real', () => {
  it('writes one schema-valid SBOM per npm project and merges them into .gatehouse/sbom.cdx.json', async () => {
    const workspace = copyOfExample();
    cpSync(join(workspace, 'web'), join(workspace, 'admin'), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(workspace, 'admin', 'package.json'), 'utf8'));
    writeFileSync(join(workspace, 'admin', 'package.json'), JSON.stringify({ ...pkg, name: 'vulnerable-app-admin' }));
    const lock = JSON.parse(readFileSync(join(workspace, 'admin', 'package-lock.json'), 'utf8'));
    lock.name = 'vulnerable-app-admin';
    lock.packages[''].name = 'vulnerable-app-admin';
    writeFileSync(join(workspace, 'admin', 'package-lock.json'), JSON.stringify(lock));
    const files = ['web/package.json', 'web/package-lock.json', 'admin/package.json', 'admin/package-lock.json', 'api/requirements.txt'];
    const plan = planSbom({ workspace, target: { kind: 'repository' }, files, available: [] });
    const produced = await produceSbom(plan, { workspace, logger: new MemoryLogger(), resolve: (tool) => resolveSbomTool(tool, { mode: 'laptop', allowDownload: false }), limits: { timeoutMs: 120_000 } });
    expect(produced.engines.map((e) => [e.id, e.status])).toEqual([['cdxgen', 'ran'], ['cdxgen', 'ran']]);
    expect(produced.cyclonedx?.path).toBe(join(workspace, '.gatehouse', 'sbom.cdx.json'));
    expect(await validateCycloneDx(readFileSync(produced.cyclonedx!.path, 'utf8'))).toEqual({ valid: true, specVersion: '1.6' });
    expect(produced.cyclonedx!.sbom.components.filter((c) => c.purl === 'pkg:npm/lodash@4.17.15')).toHaveLength(2);
    expect(produced.notes).toContain('2 project SBOMs merged into .gatehouse/sbom.cdx.json');
    expect(produced.parts.map((p) => [p.manifest, p.sbom.subject?.name])).toEqual([
      ['admin/package-lock.json', 'vulnerable-app-admin'],
      ['web/package-lock.json', 'vulnerable-app-web'],
    ]);
  }, 200_000);
});

describe('produceSbom when a generator cannot run', () => {
  it('records the engine as not run or incomplete, and writes nothing', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gh-sbom-none-'));
    const plan = planSbom({ workspace, target: { kind: 'image', image: 'shop/web:1.4.2' }, files: [], available: ['syft'] });
    const notInstalled = await produceSbom(plan, { workspace, logger: new MemoryLogger(), resolve: async () => ({ status: 'not-run', reason: 'syft is not installed' }) });
    expect(notInstalled).toMatchObject({ engines: [{ id: 'syft', status: 'not-run', reason: 'syft: syft is not installed' }] });
    expect(notInstalled.cyclonedx).toBeUndefined();
    const broken = await produceSbom(plan, { workspace, logger: new MemoryLogger(), resolve: async () => ({ status: 'incomplete', reason: 'checksum mismatch' }) });
    expect(broken.engines).toEqual([{ id: 'syft', status: 'incomplete', reason: 'syft: checksum mismatch' }]);
  });
});
