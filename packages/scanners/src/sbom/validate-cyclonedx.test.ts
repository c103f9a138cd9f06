import { describe, expect, it } from 'vitest';
import { checkSbom } from './validate-sbom';
import { mergeCycloneDx } from './merge-cyclonedx';
import { validateCycloneDx } from './validate-cyclonedx';

const minimal = (extra: Record<string, unknown> = {}) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra });

describe('validateCycloneDx (the CycloneDX library\'s strict JSON validator)', () => {
  it('accepts a minimal valid document', async () => {
    expect(await validateCycloneDx(minimal({ serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' }))).toEqual({ valid: true, specVersion: '1.6' });
  });

  it('says where a document breaks the schema', async () => {
    const serial = await validateCycloneDx(minimal({ serialNumber: 'urn:uuid:redacted' }));
    expect(serial).toEqual({ valid: false, specVersion: '1.6', errors: [expect.stringMatching(/^\/serialNumber: must match pattern/)] });
    const type = await validateCycloneDx(minimal({ components: [{ type: 'not-a-type', name: 'x' }] }));
    expect(type).toEqual({ valid: false, specVersion: '1.6', errors: [expect.stringMatching(/^\/components\/0\/type: must be equal to one of the allowed values/)] });
  });

  it('refuses what is not CycloneDX JSON of a version the official schemas cover', async () => {
    expect(await validateCycloneDx('{"spdxVersion":"SPDX-2.3"}')).toEqual({ valid: false, errors: ['(document): "bomFormat" is not "CycloneDX"'] });
    expect(await validateCycloneDx(minimal({ specVersion: '1.1' }))).toMatchObject({ valid: false, errors: [expect.stringContaining('/specVersion: "1.1"')] });
    expect(await validateCycloneDx('{"bomFormat":')).toMatchObject({ valid: false, errors: [expect.stringContaining('not JSON')] });
  });
});

describe('checkSbom', () => {
  it('passes a valid SBOM with what it holds', async () => {
    const check = await checkSbom(minimal({ components: [{ type: 'library', name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15' }] }), 'sbom.cdx.json');
    expect(check).toMatchObject({ ok: true, notes: ['sbom.cdx.json: cyclonedx 1.6, 1 components, valid against the official schema'] });
  });

  it('fails an SBOM that lost components it could not read, even if the schema allows it', async () => {
    const check = await checkSbom(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-x' }] }), 'sbom.spdx.json');
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/^sbom\.spdx\.json: 1 entries could not be read \(packages\[0\]: name/) });
  });

  it('fails another tool\'s report', async () => {
    expect(await checkSbom('{"matches":[]}', 'grype.json')).toEqual({ ok: false, reason: expect.stringMatching(/^grype\.json: not an SBOM/) });
  });
});

describe('mergeCycloneDx', () => {
  it('joins the SBOMs of several projects under the repository, and the result is schema-valid', async () => {
    const project = (name: string, dep: string) => ({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: { tools: { components: [{ type: 'application', name: 'cyclonedx-npm', version: '6.0.1' }] }, component: { type: 'application', name, version: '1.0.0', 'bom-ref': `${name}@1.0.0` } },
      components: [{ type: 'library', name: dep, version: '1.0.0', 'bom-ref': `${name}@1.0.0|${dep}@1.0.0`, purl: `pkg:npm/${dep}@1.0.0` }],
      dependencies: [{ ref: `${name}@1.0.0`, dependsOn: [`${name}@1.0.0|${dep}@1.0.0`] }],
    });
    const merged = mergeCycloneDx([project('web', 'axios'), project('admin', 'lodash')], { name: 'vulnerable-app' }, '1.6', new Date('2026-11-22T08:00:00Z'));
    expect(await validateCycloneDx(JSON.stringify(merged))).toEqual({ valid: true, specVersion: '1.6' });
    expect((merged.components as unknown[]).length).toBe(4);
    expect(merged.dependencies).toEqual(expect.arrayContaining([{ ref: 'gatehouse:repository:vulnerable-app', dependsOn: ['web@1.0.0', 'admin@1.0.0'] }]));
    expect((merged.metadata as { tools: { components: unknown[] } }).tools.components).toHaveLength(1);
  });
});
