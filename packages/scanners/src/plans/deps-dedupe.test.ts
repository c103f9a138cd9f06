import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalVulnId, finalizeFindings, mergeFindings, type Finding } from '@gatehouse/findings';
import { dependencyParseContext } from '../manifests/dependency-context';
import { npmAuditAdapter } from '../npm-audit';
import { osvOfflineAdapter } from '../osv-offline';
import { osvScannerAdapter } from '../osv-scanner';
import { pipAuditAdapter } from '../pip-audit';
import { withSuggestedFixes } from '../versions/suggest-fix';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const OSV_DB = here('../../../../examples/vulnerable-app/osv-db');

/** The demo-shaped app in a workspace, scanned by four engines with their recorded reports. */
async function scanWithEveryEngine(): Promise<Finding[]> {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-deps-merge-'));
  cpSync(here('../osv-offline/__fixtures__/vulnerable-app'), workspace, { recursive: true });
  const base = { workspace, salt: 's' };
  const npmCtx = await dependencyParseContext({ ...base, file: 'npm-audit.json' }, 'web/package-lock.json');
  const pipCtx = await dependencyParseContext({ ...base, file: 'pip-audit.json' }, 'api/requirements.txt');
  // osv-scanner names sources by absolute path: the recorded report says /ws/..., this workspace is elsewhere.
  const osvScannerReport = readFileSync(here('../osv-scanner/__fixtures__/v2-demo-web-with-license-violation.json'), 'utf8').replaceAll('/ws/', `${workspace}/`);
  const offline = await osvOfflineAdapter.runInProcess!({ executable: '', workspace, targets: [], reportPath: '', mode: 'full', cacheDir: OSV_DB }, new AbortController().signal);
  const drafts = [
    ...npmAuditAdapter.parse(readFileSync(here('../npm-audit/__fixtures__/v2-demo-web.json'), 'utf8'), npmCtx).findings,
    ...pipAuditAdapter.parse(readFileSync(here('../pip-audit/__fixtures__/v2-demo-api.json'), 'utf8'), pipCtx).findings,
    ...osvScannerAdapter.parse(osvScannerReport, { ...base, file: 'osv-scanner.json' }).findings,
    ...osvOfflineAdapter.parse(offline, { ...base, file: 'osv-offline.json' }).findings,
  ];
  const { findings, rejected } = finalizeFindings(drafts);
  expect(rejected).toEqual([]);
  return mergeFindings(findings);
}

describe('one finding per vulnerability per package and manifest, whichever engines reported it', () => {
  it('merges osv-scanner, npm audit and osv-offline reports of one lodash vulnerability into one finding', async () => {
    const merged = await scanWithEveryEngine();
    const lodash = merged.filter((f) => f.location.kind === 'package' && f.location.name === 'lodash' && f.aliases.includes('CVE-2020-8203'));
    expect(lodash).toHaveLength(1);
    expect(lodash[0]!.sources.map((s) => s.engine).sort()).toEqual(['npm-audit', 'osv-offline', 'osv-scanner']);
    expect(lodash[0]!.aliases).toEqual(['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
    expect(lodash[0]!.location).toMatchObject({ manifest: 'web/package-lock.json', installedVersions: ['4.17.15'] });
    expect(lodash[0]!.severity).toBe('high');
  });

  it('merges pip-audit (PYSEC id) with osv-offline (PYSEC + GHSA records) for each Python vulnerability', async () => {
    const merged = await scanWithEveryEngine();
    const pyyaml = merged.filter((f) => f.location.kind === 'package' && f.location.name.toLowerCase() === 'pyyaml');
    expect(pyyaml).toHaveLength(1);
    expect(pyyaml[0]!.sources.map((s) => s.engine).sort()).toEqual(['osv-offline', 'pip-audit']);
    // pip-audit rates nothing; the merged finding keeps the best basis: the GHSA record's vector.
    expect(pyyaml[0]).toMatchObject({ severity: 'critical', severityBasis: { kind: 'cvss' } });
  });

  it('ends with exactly the distinct vulnerabilities, each with the smallest fix suggested', async () => {
    const merged = withSuggestedFixes(await scanWithEveryEngine());
    const lines = merged
      .filter((f) => f.ruleId !== 'license-violation')
      .map((f) => `${f.location.kind === 'package' ? `${f.location.manifest} ${f.location.name.toLowerCase()}` : ''} ${canonicalVulnId(f.aliases)} -> ${f.fix.advice?.toLowerCase()}`)
      .sort();
    expect(lines).toEqual([
      'api/requirements.txt flask CVE-2018-1000656 -> upgrade flask to 0.12.3',
      'api/requirements.txt flask CVE-2019-1010083 -> upgrade flask to 1.0',
      'api/requirements.txt jinja2 CVE-2019-10906 -> upgrade jinja2 to 2.10.1',
      'api/requirements.txt pyyaml CVE-2020-14343 -> upgrade pyyaml to 5.4',
      'api/requirements.txt requests CVE-2018-18074 -> upgrade requests to 2.20.0',
      'api/requirements.txt urllib3 CVE-2019-11324 -> upgrade urllib3 to 1.24.2',
      'web/package-lock.json axios CVE-2020-28168 -> upgrade axios to 0.21.1',
      'web/package-lock.json follow-redirects CVE-2022-0155 -> upgrade follow-redirects to 1.14.7',
      'web/package-lock.json lodash CVE-2020-8203 -> upgrade lodash to 4.17.19',
      'web/package-lock.json lodash CVE-2021-23337 -> upgrade lodash to 4.17.21',
      'web/package-lock.json minimist CVE-2020-7598 -> upgrade minimist to 1.2.3',
    ]);
  });
});
