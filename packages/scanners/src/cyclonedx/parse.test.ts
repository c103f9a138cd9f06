import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseCycloneDx } from './parse';
import { vectorOf } from './vulnerability';

const SAMPLE = readFileSync(fileURLToPath(new URL('./__fixtures__/image-vulnerabilities-and-vex-statements.cdx.json', import.meta.url)), 'utf8');
const ctx = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'bom.cdx.json', workspace: '/work/repo', salt: 'salt', ...extra });

describe('CycloneDX with embedded vulnerabilities (grype -o cyclonedx-json, trivy --format cyclonedx)', () => {
  const result = parseCycloneDx(SAMPLE, ctx());
  const byRule = (id: string) => result.findings.filter((f) => f.ruleId === id);

  it('makes one finding per vulnerability per affected component, and skips what it cannot read', () => {
    expect(byRule('CVE-2020-8203')).toHaveLength(1);
    expect(byRule('CVE-2019-18276')).toHaveLength(2);
    expect(result.skipped).toEqual([{ at: 'vulnerabilities[4]', reason: expect.stringContaining('id') }]);
    expect(result.nativeCount).toBe(result.findings.length + result.skipped.length);
  });

  it('leaves VEX statements (not_affected, resolved, false_positive) to the policy, and says so', () => {
    expect(byRule('CVE-2021-23337')).toEqual([]);
    expect(result.notes).toContain("1 vulnerabilities carry a VEX analysis (not_affected, false_positive or resolved): statements, not findings; list this document under the policy's vex to apply them");
  });

  it('keeps a vulnerability still in triage as a finding, even when its component is in another document', () => {
    expect(byRule('CVE-2024-0001')[0]).toMatchObject({ location: { kind: 'repository' }, severity: 'critical', message: expect.stringContaining('not a component of this document') });
  });

  it('places components of a container in the image, with the digest the document names', () => {
    expect(byRule('CVE-2020-8203')[0]).toMatchObject({
      category: 'container',
      location: {
        kind: 'image',
        ref: 'registry.example.com/shop/web',
        digest: 'sha256:0b8cc1ae37a2e9a5a2b1e6d7a5b6c2c1e0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5',
        purl: 'pkg:npm/lodash@4.17.15',
        name: 'lodash',
        version: '4.17.15',
        target: '/app/web/package-lock.json',
      },
    });
    expect(parseCycloneDx(SAMPLE, ctx({ imageRef: 'shop/web:candidate' })).findings[0]!.location).toMatchObject({ ref: 'shop/web:candidate' });
  });

  it('resolves a BOM-Link to a nested component of the same document', () => {
    expect(byRule('CVE-2019-18276').map((f) => f.location.kind === 'image' && f.location.name)).toEqual(['bash', 'bash-builtins']);
  });

  it('rates from vectors first (prefixing the version CycloneDX leaves out), then source labels; EPSS ratings say nothing', () => {
    expect(byRule('CVE-2020-8203')[0]).toMatchObject({ severity: 'high', severityBasis: { kind: 'cvss', cvss: { version: '3.1', score: 7.4 } } });
    expect(byRule('CVE-2019-18276')[0]).toMatchObject({ severity: 'high', severityBasis: { kind: 'cvss', cvss: { version: '3.0', vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', score: 7.8, source: 'nvd' } } });
  });

  it('reads aliases, CWEs, the unaffected version as the fix, and the recommendation', () => {
    const [lodash] = byRule('CVE-2020-8203');
    expect(lodash!.aliases).toEqual(['CVE-2020-8203', 'GHSA-jfh8-c2jp-5v3q']);
    expect(lodash!.identifiers.filter((i) => i.type === 'CWE').map((i) => i.value)).toEqual(['CWE-770', 'CWE-1321']);
    expect(lodash!.fix).toEqual({ available: true, versions: ['4.17.19'], state: 'fixed', advice: 'Upgrade lodash to 4.17.19' });
    expect(lodash!.tags).toEqual(['written-by:grype 0.120.1']);
  });

  it('produces valid findings', () => {
    expect(finalizeFindings(result.findings).rejected).toEqual([]);
  });
});

describe('CycloneDX documents that are not read', () => {
  it.each([
    ['{"bomFormat":"SPDX"}', /"bomFormat" is "SPDX"/],
    ['{"spdxVersion":"SPDX-2.3"}', /this is SPDX/],
    ['{"bomFormat":"CycloneDX","specVersion":"1.1"}', /unsupported CycloneDX specVersion "1.1"/],
    ['{"bomFormat":"CycloneDX","specVersion":"1.6","components":{}}', /"components" is not an array/],
    ['<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>', /invalid JSON/],
  ])('refuses %s', (content, message) => {
    expect(() => parseCycloneDx(content, ctx())).toThrow(ParseError);
    expect(() => parseCycloneDx(content, ctx())).toThrow(message);
  });

  it('walks hostile nesting without recursion, refusing what is too deep', () => {
    let component: Record<string, unknown> = { name: 'leaf' };
    for (let i = 0; i < 100; i++) component = { name: `level-${i}`, components: [component] };
    const result = parseCycloneDx(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [component] }), ctx());
    expect(result.notes!.some((n) => n.includes('nested more than 64 levels deep'))).toBe(true);
  });
});

describe('CycloneDX rating vectors', () => {
  it.each([
    [{ method: 'CVSSv31', vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    [{ method: 'CVSSv3', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    [{ method: 'CVSSv2', vector: 'AV:N/AC:M/Au:N/C:N/I:P/A:N' }, 'AV:N/AC:M/Au:N/C:N/I:P/A:N'],
    [{ method: 'CVSSv4', vector: 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'],
    [{ method: 'OWASP', vector: 'SL:1/M:1' }, undefined],
    [{ method: 'other', score: 0.03 }, undefined],
  ])('reads %j as %s', (rating, vector) => {
    expect(vectorOf(rating)).toBe(vector);
  });
});
