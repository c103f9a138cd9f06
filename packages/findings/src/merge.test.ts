import { describe, expect, it } from 'vitest';
import { mergeFindings } from './merge';
import { codeDraft, finalized, packageDraft } from './test-support';

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

describe('merging findings of one identity', () => {
  it('unites one vulnerability reported under CVE by one engine and GHSA by another', () => {
    const osv = packageDraft({
      ruleId: 'GHSA-p6mc-m468-83gw',
      identifiers: [{ type: 'GHSA', value: 'GHSA-p6mc-m468-83gw' }],
      aliases: ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'],
      severity: 'critical',
      severityBasis: { kind: 'cvss', cvss: { version: '3.1', vector: v31, score: 9.8 } },
      sources: [{ engine: 'osv-scanner', nativeId: 'GHSA-p6mc-m468-83gw' }],
    });
    const npm = packageDraft({ aliases: ['CVE-2020-8203'], sources: [{ engine: 'npm-audit', nativeId: '1523' }] });
    const merged = mergeFindings(finalized([osv, npm]));
    expect(merged).toHaveLength(1);
    const [f] = merged;
    expect(f!.sources.map((s) => s.engine).sort()).toEqual(['npm-audit', 'osv-scanner']);
    expect(f!.aliases).toEqual(['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
    expect(f!.severity).toBe('critical');
    expect(f!.severityBasis.kind).toBe('cvss');
  });

  it('unites transitively through the alias graph', () => {
    const a = packageDraft({ ruleId: 'PYSEC-2020-96', aliases: ['PYSEC-2020-96', 'GHSA-8q59-q68h-6hv4'], sources: [{ engine: 'pip-audit', nativeId: 'PYSEC-2020-96' }] });
    const b = packageDraft({ ruleId: 'GHSA-8q59-q68h-6hv4', aliases: ['GHSA-8q59-q68h-6hv4', 'CVE-2020-14343'], sources: [{ engine: 'osv-scanner', nativeId: 'GHSA-8q59-q68h-6hv4' }] });
    const c = packageDraft({ ruleId: 'CVE-2020-14343', aliases: ['CVE-2020-14343'], sources: [{ engine: 'trivy', nativeId: 'CVE-2020-14343' }] });
    const merged = mergeFindings(finalized([a, b, c]));
    expect(merged).toHaveLength(1);
    expect(merged[0]!.sources).toHaveLength(3);
  });

  it('keeps the same vulnerability in two manifests apart', () => {
    const web = packageDraft({ location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.15', ecosystem: 'npm', name: 'lodash', version: '4.17.15', manifest: 'web/package-lock.json' } });
    const api = packageDraft({ location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.15', ecosystem: 'npm', name: 'lodash', version: '4.17.15', manifest: 'api/package-lock.json' } });
    expect(mergeFindings(finalized([web, api]))).toHaveLength(2);
  });

  it('lists every installed version inside, without making it part of the identity', () => {
    const a = packageDraft();
    const b = packageDraft({
      location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.11', ecosystem: 'npm', name: 'lodash', version: '4.17.11', manifest: 'package-lock.json' },
      sources: [{ engine: 'osv-offline', nativeId: 'GHSA-p6mc-m468-83gw' }],
    });
    const [f] = mergeFindings(finalized([a, b]));
    expect(f!.location).toMatchObject({ installedVersions: ['4.17.11', '4.17.15'] });
  });

  it('keeps a finding open when one engine suppressed it inline and another did not', () => {
    const suppressed = codeDraft({ suppression: { kind: 'inline', reason: 'nosec' }, sources: [{ engine: 'bandit', nativeId: 'B602' }] });
    const open = codeDraft({ sources: [{ engine: 'semgrep', nativeId: 'subprocess-shell-true' }] });
    const [f] = mergeFindings(finalized([suppressed, open], () => 'subprocess.call(cmd, shell=True)'));
    expect(f!.status).toBe('open');
    expect(f!.suppression).toBeUndefined();
    expect(f!.sources).toHaveLength(2);
  });

  it('unions fix versions and says a fix is available when any engine knows one', () => {
    const a = packageDraft({ fix: { available: false, versions: [], state: 'unknown' } });
    const b = packageDraft({ fix: { available: true, versions: ['4.17.19'], state: 'fixed' }, sources: [{ engine: 'trivy', nativeId: 'CVE-2020-8203' }] });
    const [f] = mergeFindings(finalized([a, b]));
    expect(f!.fix).toEqual({ available: true, versions: ['4.17.19'], state: 'fixed' });
  });

  it('leaves unrelated findings untouched', () => {
    const findings = finalized([codeDraft(), packageDraft()]);
    expect(mergeFindings(findings)).toEqual(findings);
  });
});
