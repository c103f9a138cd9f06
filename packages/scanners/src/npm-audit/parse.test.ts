import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import { parseManifest } from '../manifests/parse-manifest';
import type { DependencyParseContext } from '../manifests/dependency-context';
import { npmAuditAdapter } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const LOCKFILE = readFileSync(fileURLToPath(new URL('../osv-offline/__fixtures__/vulnerable-app/web/package-lock.json', import.meta.url)), 'utf8');
const ctx = (extra: Partial<DependencyParseContext> = {}): DependencyParseContext => ({ file: 'npm-audit.json', workspace: '/ws', salt: 's', ...extra });
const withLockfile = () => ctx({ manifest: 'web/package-lock.json', packages: parseManifest(LOCKFILE, 'web/package-lock.json').packages });

describe('npm audit v2 reports', () => {
  it('gives one finding per advisory per package, with installed versions from the lockfile npm audited', () => {
    const result = npmAuditAdapter.parse(fixture('v2-demo-web.json'), withLockfile());
    expect(result).toMatchObject({ skipped: [], incomplete: [], nativeCount: 5 });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.location.kind === 'package' ? `${f.location.name}@${f.location.version} ${f.location.purl} ${f.location.manifest}` : ''} ${f.severity}`)).toEqual([
      'GHSA-4w2v-q235-vp99 axios@0.21.0 pkg:npm/axios@0.21.0 web/package-lock.json medium',
      'GHSA-74fj-2j2h-c42q follow-redirects@1.13.0 pkg:npm/follow-redirects@1.13.0 web/package-lock.json high',
      'GHSA-p6mc-m468-83gw lodash@4.17.15 pkg:npm/lodash@4.17.15 web/package-lock.json high',
      'GHSA-35jh-r3h4-6jhm lodash@4.17.15 pkg:npm/lodash@4.17.15 web/package-lock.json high',
      'GHSA-vh95-rmgr-6w4m minimist@1.2.0 pkg:npm/minimist@1.2.0 web/package-lock.json medium',
    ]);
    expect(findings[2]!.severityBasis).toEqual({ kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, source: 'ghsa' } });
    expect(findings[2]!.identifiers.map((i) => i.value)).toEqual(['GHSA-p6mc-m468-83gw', 'npm-advisory-1094499', 'CWE-770', 'CWE-1321']);
  });

  it('turns fixAvailable true, false and {name, version, isSemVerMajor} into fix advice', () => {
    const { findings } = npmAuditAdapter.parse(fixture('v2-demo-web.json'), withLockfile());
    const fix = (rule: string) => findings.find((f) => f.ruleId === rule)!.fix;
    expect(fix('GHSA-4w2v-q235-vp99')).toEqual({ available: true, versions: ['0.21.1'], state: 'fixed', advice: 'upgrade axios to 0.21.1' });
    expect(fix('GHSA-p6mc-m468-83gw')).toEqual({ available: true, versions: ['4.17.19'], state: 'fixed', advice: 'upgrade lodash to 4.17.19 (npm audit fix)' });
    expect(fix('GHSA-vh95-rmgr-6w4m')).toEqual({ available: true, versions: ['0.2.1', '1.2.3'], state: 'fixed', advice: 'upgrade minimist to 1.2.3 (npm cannot do it without changing a parent dependency)' });
  });

  it('says the installed version is unknown when no lockfile is given', () => {
    const { findings } = npmAuditAdapter.parse(fixture('v2-demo-web.json'), ctx());
    expect(findings[0]!.location).toEqual({ kind: 'package', purl: 'pkg:npm/axios', ecosystem: 'npm', name: 'axios', version: '' });
    expect(findings[0]!.message).toMatch(/installed version not known/);
  });

  it('does not count a package vulnerable only through its dependencies as a finding', () => {
    // axios has its own advisory and a package-name via ("follow-redirects"): one finding, for the advisory.
    const result = npmAuditAdapter.parse(fixture('v2-demo-web.json'), ctx());
    expect(result.findings.filter((f) => f.location.kind === 'package' && f.location.name === 'axios')).toHaveLength(1);
    const metavulnOnly = JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: {
        minimist: { name: 'minimist', severity: 'low', isDirect: false, via: [{ source: 1179, name: 'minimist', dependency: 'minimist', title: 'Prototype Pollution', url: 'https://npmjs.com/advisories/1179', severity: 'low', range: '<1.2.3' }], effects: ['mkdirp'], range: '<1.2.3', nodes: ['node_modules/minimist'], fixAvailable: true },
        mkdirp: { name: 'mkdirp', severity: 'low', isDirect: true, via: ['minimist'], effects: [], range: '0.4.1 - 0.5.1', nodes: ['node_modules/mkdirp'], fixAvailable: true },
      },
      metadata: { vulnerabilities: { info: 0, low: 2, moderate: 0, high: 0, critical: 0, total: 2 } },
    });
    const parsed = npmAuditAdapter.parse(metavulnOnly, ctx());
    expect(parsed.findings.map((f) => f.ruleId)).toEqual(['npm-advisory-1179']);
    expect(parsed.notes).toEqual(['1 packages are vulnerable only through their dependencies (not findings of their own): mkdirp']);
  });

  it('skips a malformed advisory with a reason and keeps the others', () => {
    const doc = JSON.parse(fixture('v2-demo-web.json'));
    doc.vulnerabilities.lodash.via[1] = { source: 7, title: 'no name' };
    const result = npmAuditAdapter.parse(JSON.stringify(doc), ctx());
    expect(result.skipped).toEqual([{ at: 'vulnerabilities["lodash"].via[1]', reason: expect.stringContaining('name') }]);
    expect(result.findings).toHaveLength(4);
    expect(result.nativeCount).toBe(5);
  });
});

describe('npm 6 reports and npm errors', () => {
  it('reads npm 6 advisories with their CVEs, installed versions and patched versions', () => {
    const { findings } = finalizeFindings(npmAuditAdapter.parse(fixture('v1-npm6-advisories.json'), ctx({ manifest: 'web/package-lock.json' })).findings);
    expect(findings.map((f) => `${f.ruleId} ${f.location.kind === 'package' ? `${f.location.name} ${f.location.installedVersions ?? f.location.version}` : ''} ${f.fix.advice}`)).toEqual([
      'CVE-2020-7598 minimist 0.0.8,1.2.0 upgrade minimist to 1.2.3',
      'CVE-2020-8203 lodash 4.17.15 upgrade lodash to 4.17.19',
    ]);
  });

  it('makes the run incomplete when npm itself failed, quoting its error', () => {
    expect(npmAuditAdapter.parse(fixture('error-no-lockfile.json'), ctx())).toEqual({
      findings: [],
      skipped: [],
      nativeCount: 0,
      notes: [],
      incomplete: ['npm audit failed (ENOLOCK): This command requires an existing lockfile. Try creating one first with: npm i --package-lock-only Original error: loadVirtual requires existing shrinkwrap file'],
    });
  });

  it('refuses report versions it does not know and other documents', () => {
    expect(() => npmAuditAdapter.parse('{"auditReportVersion": 3, "vulnerabilities": {}}', ctx())).toThrow(/report version 3/);
    expect(() => npmAuditAdapter.parse('{"results": []}', ctx())).toThrow(ParseError);
  });
});
