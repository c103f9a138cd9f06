import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import { osvScannerAdapter } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const ctx = { file: 'osv-scanner.json', workspace: '/ws', salt: 's' };
const parse = (name: string) => osvScannerAdapter.parse(fixture(name), ctx);

describe('osv-scanner v2 reports', () => {
  it('gives one finding per package per alias group, on the lockfile osv-scanner names', () => {
    const result = parse('v2-demo-web-with-license-violation.json');
    expect(result).toMatchObject({ skipped: [], incomplete: [], nativeCount: 6 });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.location.kind === 'package' ? `${f.location.purl} ${f.location.manifest}` : ''} ${f.severity} ${f.fix.advice ?? '-'}`)).toEqual([
      'CVE-2020-28168 pkg:npm/axios@0.21.0 web/package-lock.json medium upgrade axios to 0.21.1',
      'CVE-2022-0155 pkg:npm/follow-redirects@1.13.0 web/package-lock.json high upgrade follow-redirects to 1.14.7',
      'CVE-2021-23337 pkg:npm/lodash@4.17.15 web/package-lock.json high upgrade lodash to 4.17.21',
      'CVE-2020-8203 pkg:npm/lodash@4.17.15 web/package-lock.json high upgrade lodash to 4.17.19',
      'CVE-2020-7598 pkg:npm/minimist@1.2.0 web/package-lock.json medium upgrade minimist to 1.2.3',
      'license-violation pkg:npm/left-pad@1.3.0 web/package-lock.json unknown -',
    ]);
  });

  it('rates from the records\' CVSS vectors, not osv-scanner\'s max_severity', () => {
    const lodash = parse('v2-demo-web-with-license-violation.json').findings.find((f) => f.ruleId === 'CVE-2020-8203')!;
    expect(lodash.severityBasis).toEqual({ kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, source: 'ghsa' } });
    expect(lodash.sources).toEqual([{ engine: 'osv-scanner', nativeId: 'GHSA-p6mc-m468-83gw', nativeSeverity: '7.4' }]);
  });

  it('falls back to max_severity as osv-scanner\'s own rating when no record has a vector', () => {
    const doc = JSON.parse(fixture('v2-demo-web-with-license-violation.json'));
    delete doc.results[0].packages[0].vulnerabilities[0].severity;
    delete doc.results[0].packages[0].vulnerabilities[0].database_specific;
    const axios = osvScannerAdapter.parse(JSON.stringify(doc), ctx).findings[0]!;
    expect(axios).toMatchObject({ severity: 'medium', severityBasis: { kind: 'tool', label: 'max_severity 5.9', source: 'osv-scanner' } });
  });

  it('keeps call analysis as tags, license violations as findings and deprecated packages as notes', () => {
    const result = parse('v2-demo-web-with-license-violation.json');
    expect(result.findings.find((f) => f.ruleId === 'CVE-2021-23337')!.tags).toEqual(['uncalled', 'source:lockfile']);
    expect(result.findings.find((f) => f.ruleId === 'CVE-2020-8203')!.tags).toEqual(['called', 'source:lockfile']);
    expect(result.findings.find((f) => f.ruleId === 'license-violation')).toMatchObject({ category: 'sca', severity: 'unknown', tags: ['license', 'license:WTFPL'] });
    expect(result.notes).toEqual(['1 packages are deprecated by their registry (not findings): left-pad@1.3.0']);
  });

  it('rates a malicious-package record (MAL-) without a score as critical', () => {
    const doc = { results: [{ source: { path: '/ws/yarn.lock', type: 'lockfile' }, packages: [{ package: { name: 'flot-axis', version: '0.0.0', ecosystem: 'npm' }, vulnerabilities: [{ id: 'MAL-2023-1035', aliases: ['GHSA-8348-2q94-ffjx'], summary: 'Malicious code in flot-axis (npm)' }], groups: [{ ids: ['MAL-2023-1035'], aliases: ['GHSA-8348-2q94-ffjx', 'MAL-2023-1035'] }] }] }] };
    expect(osvScannerAdapter.parse(JSON.stringify(doc), ctx).findings[0]).toMatchObject({ ruleId: 'GHSA-8348-2q94-ffjx', severity: 'critical', severityBasis: { kind: 'default' } });
  });
});

describe('osv-scanner v1 reports', () => {
  it('groups by aliases itself when the report has no groups (PYSEC + GHSA of one CVE -> one finding)', () => {
    const result = parse('v1-without-groups.json');
    expect(result.nativeCount).toBe(1);
    expect(result.findings[0]).toMatchObject({ ruleId: 'CVE-2020-14343', severity: 'critical', fix: { versions: ['5.4'], advice: 'upgrade pyyaml to 5.4' } });
    expect(result.findings[0]!.aliases.sort()).toEqual(['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4', 'PYSEC-2021-142']);
  });
});

describe('osv-scanner hostile input', () => {
  it('keeps a finding at repository level when the source path is outside the workspace', () => {
    const doc = JSON.parse(fixture('v1-without-groups.json'));
    doc.results[0].source.path = '/etc/requirements.txt';
    const finding = osvScannerAdapter.parse(JSON.stringify(doc), ctx).findings[0]!;
    expect(finding.location).not.toHaveProperty('manifest');
    expect(finding.message).toMatch(/source path not used: \/etc\/requirements\.txt/);
  });

  it('skips a malformed package and counts it', () => {
    const doc = JSON.parse(fixture('v2-demo-web-with-license-violation.json'));
    doc.results[0].packages[0] = { package: { version: '1' } };
    const result = osvScannerAdapter.parse(JSON.stringify(doc), ctx);
    expect(result.skipped).toEqual([{ at: 'results[0].packages[0]', reason: expect.stringContaining('name') }]);
    expect(result.findings.length + result.skipped.length).toBe(result.nativeCount);
  });

  it('refuses {"results": []} without osv-scanner\'s config and other tools\' reports', () => {
    expect(() => osvScannerAdapter.parse('{"results": []}', ctx)).toThrow(ParseError);
    expect(() => osvScannerAdapter.parse('{"results": [{"ruleId": "x"}]}', ctx)).toThrow(/no "source" and "packages"/);
  });
});
