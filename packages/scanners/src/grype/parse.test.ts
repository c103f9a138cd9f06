import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { OS_END_OF_LIFE_RULE } from '../container-image/os-end-of-life';
import { parseGrype } from './parse';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const ctx = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'grype.json', workspace: '/work/repo', salt: 'salt', ...extra });
const parse = (name: string, extra: Partial<ParseContext> = {}) => parseGrype(fixture(name), ctx(extra));
const byRule = (result: ReturnType<typeof parse>, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);

describe('grype JSON: an image scan', () => {
  const result = parse('image-eol-alias-group-wont-fix-ignored.json');

  it('counts one finding per vulnerability per package: the GHSA record and the CVE record of one package are one', () => {
    expect(result.skipped).toEqual([]);
    expect(result.nativeCount).toBe(result.findings.length);
    const lodash = byRule(result, 'CVE-2020-8203');
    expect(lodash).toHaveLength(1);
    expect(lodash[0]!.aliases).toEqual(['CVE-2020-8203', 'GHSA-jfh8-c2jp-5v3q']);
    expect(lodash[0]!.identifiers.map((i) => i.type)).toEqual(['CVE', 'GHSA']);
    expect(result.notes).toContain('grype: 5 matches are 4 vulnerabilities (records of one vulnerability on one package counted once)');
  });

  it('rates from the best CVSS vector of every record, scored by Gatehouse, not from the label next to it', () => {
    const [lodash] = byRule(result, 'CVE-2020-8203');
    expect(lodash).toMatchObject({ severity: 'critical', severityBasis: { kind: 'cvss', cvss: { version: '3.1', score: 9.8 } } });
    // Debian says "Negligible"; the NVD vector among the related records says 7.8.
    const [bash] = byRule(result, 'CVE-2019-18276');
    expect(bash).toMatchObject({ severity: 'high', severityBasis: { kind: 'cvss', cvss: { score: 7.8, source: 'nvd@nist.gov' } } });
    expect(bash!.sources[0]).toMatchObject({ engine: 'grype', nativeId: 'CVE-2019-18276', nativeSeverity: 'Negligible', engineVersion: '0.120.1' });
  });

  it('keeps a label without a vector as the vendor rating, and unknown as unknown', () => {
    expect(byRule(result, 'CVE-2021-33560')[0]).toMatchObject({ severity: 'high', severityBasis: { kind: 'vendor', label: 'High', source: 'debian:distro:debian:9' } });
    expect(byRule(result, 'CVE-2018-1000654')[0]).toMatchObject({ severity: 'unknown', severityBasis: { kind: 'none' } });
  });

  it('reads fix.state: fixed with versions, wont-fix, not-fixed and "" (unknown)', () => {
    expect(byRule(result, 'CVE-2020-8203')[0]!.fix).toEqual({ available: true, versions: ['4.17.19'], state: 'fixed', advice: 'upgrade lodash to 4.17.19' });
    expect(byRule(result, 'CVE-2019-18276')[0]!.fix).toMatchObject({ available: false, state: 'wont_fix' });
    expect(byRule(result, 'CVE-2021-33560')[0]!.fix).toEqual({ available: false, versions: [], state: 'not_fixed' });
    expect(byRule(result, 'CVE-2018-1000654')[0]!.fix).toEqual({ available: false, versions: [], state: 'unknown' });
  });

  it('does not take upstream "fixed in" versions of a CPE match when a package record decides', () => {
    expect(byRule(result, 'CVE-2020-8203')[0]!.fix.versions).not.toContain('4.17.20');
  });

  it('places findings in the image: reference, digest, layer, purl and path', () => {
    expect(byRule(result, 'CVE-2020-8203')[0]!.location).toEqual({
      kind: 'image',
      ref: 'registry.example.com/shop/web:1.4.2',
      digest: 'sha256:0b8cc1ae37a2e9a5a2b1e6d7a5b6c2c1e0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5',
      layer: 'sha256:4c3f1d2e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
      purl: 'pkg:npm/lodash@4.17.15',
      name: 'lodash',
      version: '4.17.15',
      target: '/app/web/package-lock.json',
    });
    expect(result.findings.every((f) => f.category === 'container')).toBe(true);
  });

  it('files findings under the reference the caller gave, so they merge with trivy findings of the same image', () => {
    const given = parse('image-eol-alias-group-wont-fix-ignored.json', { imageRef: 'shop/web:candidate' });
    expect(given.findings.every((f) => f.location.kind === 'image' && f.location.ref === 'shop/web:candidate')).toBe(true);
  });

  it('builds a purl for a package grype wrote none for', () => {
    expect(byRule(result, 'CVE-2018-1000654')[0]!.location).toMatchObject({ purl: 'pkg:deb/libtasn1-6@4.10-1.1%2Bdeb9u1', name: 'libtasn1-6' });
  });

  it('keeps EPSS, known exploitation and grype risk as tags', () => {
    expect(byRule(result, 'CVE-2020-8203')[0]!.tags).toEqual(expect.arrayContaining(['epss:0.0213', 'epss-percentile:0.89', 'grype-risk:12.5', 'grype-match:exact-direct-match', 'grype-match:cpe-match']));
    expect(byRule(result, 'CVE-2021-33560')[0]!.tags).toEqual(expect.arrayContaining(['known-exploited', 'known-ransomware-use']));
  });

  it('keeps matches grype ignored as suppressed findings, with the rule\'s reason', () => {
    const [ignored] = byRule(result, 'CVE-2021-23337');
    expect(ignored!.suppression).toEqual({ kind: 'inline', reason: 'ignored by a grype ignore rule (template() is never called with user input)', ref: 'grype configuration: ignore' });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.find((f) => f.ruleId === 'CVE-2021-23337')!.status).toBe('suppressed');
  });

  it('makes an end-of-life distro alert one finding for the image', () => {
    const eol = byRule(result, OS_END_OF_LIFE_RULE);
    expect(eol).toHaveLength(1);
    expect(eol[0]).toMatchObject({
      category: 'container',
      severity: 'high',
      location: { kind: 'image', ref: 'registry.example.com/shop/web:1.4.2', name: 'debian', version: '9' },
      fix: { available: true, state: 'fixed' },
      sources: [{ engine: 'grype', nativeId: 'alertsByPackage[0].alerts[0]' }],
    });
    expect(eol[0]!.message).toContain('(2 packages come from it)');
  });

  it('produces drafts that are valid findings with stable ids', () => {
    const first = finalizeFindings(result.findings);
    expect(first.rejected).toEqual([]);
    expect(finalizeFindings(parse('image-eol-alias-group-wont-fix-ignored.json').findings).findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
    expect(new Set(first.findings.map((f) => f.id)).size).toBe(first.findings.length);
  });
});

describe('grype JSON: a directory scan', () => {
  const result = parse('directory-lockfiles-db-error.json');

  it('files packages under their manifest, repository-relative', () => {
    expect(byRule(result, 'CVE-2021-3749')[0]).toMatchObject({
      category: 'sca',
      location: { kind: 'package', purl: 'pkg:npm/axios@0.21.0', ecosystem: 'npm', manifest: 'web/package-lock.json' },
    });
  });

  it('never files a package under a path outside the workspace, and says so', () => {
    const [jinja] = byRule(result, 'CVE-2019-10906');
    expect(jinja!.location).toEqual({ kind: 'package', purl: 'pkg:pypi/jinja2@2.10', ecosystem: 'pypi', name: 'jinja2', version: '2.10' });
    expect(jinja!.message).toContain('manifest not used: path leaves the workspace');
  });

  it('skips and counts an entry it cannot read, and keeps the others', () => {
    expect(result.skipped).toEqual([{ at: 'matches[2]', reason: expect.stringContaining('vulnerability.id') }]);
    expect(result.findings).toHaveLength(2);
    expect(result.nativeCount).toBe(3);
  });

  it('is incomplete when the database was not valid or a distro was not matched', () => {
    expect(result.incomplete).toEqual([
      'grype: matching is disabled for arch rolling, so 1 of its packages were not checked for vulnerabilities',
      'grype: the vulnerability database could not be used: database is more than 120h old (built 2026-11-01T00:00:00Z)',
    ]);
  });
});

describe('grype JSON: what is not a grype report', () => {
  it('reads matches: [] as nothing found, with the image named', () => {
    const result = parse('no-matches.json');
    expect(result).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0, engineVersion: '0.120.1' });
  });

  it.each([
    ['{}', /no "matches" array/],
    ['{"matches":[]}', /no "descriptor" or "source"/],
    ['{"artifacts":[],"descriptor":{"name":"syft"}}', /no "matches" array/],
    ['{"matches":[],"descriptor":{"name":"syft"}}', /written by "syft"/],
    ['{"bomFormat":"CycloneDX","specVersion":"1.6","matches":[]}', /SBOM, not a grype JSON report/],
    ['[]', /found an array/],
  ])('refuses %s', (content, message) => {
    expect(() => parseGrype(content, ctx())).toThrow(ParseError);
    expect(() => parseGrype(content, ctx())).toThrow(message);
  });

  it('ignores a placeholder version ("[not provided]")', () => {
    const result = parseGrype('{"matches":[],"source":{"type":"unknown","target":"unknown"},"descriptor":{"name":"grype","version":"[not provided]"}}', ctx());
    expect(result.engineVersion).toBeUndefined();
  });
});
