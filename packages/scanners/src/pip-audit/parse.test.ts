import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { DependencyParseContext } from '../manifests/dependency-context';
import { loadRecordsForIds, enrichFromOsvExport } from '../osv-offline/enrich';
import { pipAuditAdapter } from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');
const OSV_DB = fileURLToPath(new URL('../../../../examples/vulnerable-app/osv-db', import.meta.url));
const ctx = (extra: Partial<DependencyParseContext> = {}): DependencyParseContext => ({ file: 'pip-audit.json', workspace: '/ws', salt: 's', ...extra });

describe('pip-audit reports', () => {
  it('reads the 2.x shape: one finding per vulnerability per dependency, with fix versions and the smallest fix', () => {
    const result = pipAuditAdapter.parse(fixture('v2-demo-api.json'), ctx({ manifest: 'api/requirements.txt' }));
    expect(result).toMatchObject({ skipped: [], incomplete: [], nativeCount: 6 });
    const { findings } = finalizeFindings(result.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.location.kind === 'package' ? `${f.location.name}@${f.location.version} ${f.location.manifest}` : ''} ${f.fix.advice}`)).toEqual([
      'CVE-2018-1000656 flask@0.12.2 api/requirements.txt upgrade flask to 0.12.3',
      'CVE-2019-1010083 flask@0.12.2 api/requirements.txt upgrade flask to 1.0',
      'CVE-2019-10906 jinja2@2.10 api/requirements.txt upgrade jinja2 to 2.10.1',
      'CVE-2020-14343 pyyaml@5.3.1 api/requirements.txt upgrade pyyaml to 5.4',
      'CVE-2018-18074 requests@2.19.1 api/requirements.txt upgrade requests to 2.20.0',
      'CVE-2019-11324 urllib3@1.24.1 api/requirements.txt upgrade urllib3 to 1.24.2',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'unknown', severityBasis: { kind: 'none' }, sources: [{ engine: 'pip-audit', nativeId: 'PYSEC-2018-66' }] });
    expect(findings[0]!.aliases).toEqual(['PYSEC-2018-66', 'CVE-2018-1000656', 'GHSA-562c-5r94-xh97']);
  });

  it('makes the run incomplete for dependencies pip-audit skipped, and skips malformed vulnerabilities with a reason', () => {
    const result = pipAuditAdapter.parse(fixture('v2-skipped-and-malformed.json'), ctx());
    expect(result.incomplete).toEqual(['pip-audit did not audit internal-billing: Dependency not found on PyPI and could not be audited: internal-billing (2.0.0)']);
    expect(result.skipped).toEqual([{ at: 'dependencies[1].vulns[1]', reason: expect.stringContaining('id') }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['PYSEC-2021-439', 'PYSEC-2021-852']);
    expect(result.findings[0]!.fix).toEqual({ available: true, versions: ['2.2.25', '3.1.14', '3.2.10'], state: 'fixed', advice: 'upgrade django to 3.2.10' });
    expect(result.findings[1]!.fix).toEqual({ available: false, versions: [], state: 'unknown' });
    expect(result.nativeCount).toBe(3);
  });

  it('reads the legacy top-level array (pip-audit < 2.0), ordering pre-release fixes by PEP 440', () => {
    const result = pipAuditAdapter.parse(fixture('legacy-top-level-array.json'), ctx());
    expect(result.findings.map((f) => `${f.ruleId} ${f.fix.advice}`)).toEqual(['PYSEC-2019-128 upgrade twisted to 19.2.1', 'PYSEC-2020-260 upgrade twisted to 20.3.0rc1']);
  });

  it('refuses other documents with a ParseError naming the file', () => {
    expect(() => pipAuditAdapter.parse('[{"ruleId": "x"}]', ctx())).toThrow(ParseError);
    expect(() => pipAuditAdapter.parse('{"auditReportVersion": 2, "vulnerabilities": {}}', ctx())).toThrow(/^pip-audit\.json: not a pip-audit JSON report/);
  });
});

describe('pip-audit findings enriched from OSV records', () => {
  it('take the CVSS severity of the records of their ids and aliases; others stay unknown', async () => {
    const { findings: drafts } = pipAuditAdapter.parse(fixture('v2-demo-api.json'), ctx({ manifest: 'api/requirements.txt' }));
    const database = await loadRecordsForIds(OSV_DB, drafts.flatMap((d) => d.aliases));
    const { drafts: enriched, enriched: count } = enrichFromOsvExport(drafts, database);
    expect(count).toBe(5);
    const { findings } = finalizeFindings(enriched);
    expect(findings.map((f) => `${f.location.kind === 'package' ? f.location.name : ''} ${f.ruleId} ${f.severity} ${f.severityBasis.kind}`)).toEqual([
      'flask CVE-2018-1000656 high cvss',
      'flask CVE-2019-1010083 unknown none',
      'jinja2 CVE-2019-10906 high cvss',
      'pyyaml CVE-2020-14343 critical cvss',
      'requests CVE-2018-18074 high cvss',
      'urllib3 CVE-2019-11324 high cvss',
    ]);
  });
});
