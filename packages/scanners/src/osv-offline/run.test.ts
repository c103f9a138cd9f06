import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, finalizeFindings } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { buildDeflatedZip } from '../test-support/deflated-zip';
import { osvOfflineAdapter } from './index';
import { OsvOfflineReportSchema } from './report-schema';

const APP = fileURLToPath(new URL('./__fixtures__/vulnerable-app', import.meta.url));
const OSV_DB = fileURLToPath(new URL('../../../../examples/vulnerable-app/osv-db', import.meta.url));
const options = (extra: Partial<RunOptions> = {}): RunOptions => ({ executable: '', workspace: APP, targets: [], reportPath: '', mode: 'full', cacheDir: OSV_DB, ...extra });
const run = (extra: Partial<RunOptions> = {}, signal = new AbortController().signal) => osvOfflineAdapter.runInProcess!(options(extra), signal);

function scan(report: string) {
  const parsed = osvOfflineAdapter.parse(report, { file: 'osv-offline.json', workspace: APP, salt: 's' });
  const { findings, rejected } = finalizeFindings(parsed.findings);
  expect(rejected).toEqual([]);
  return { parsed, findings };
}

function summaryOf(findings: ReturnType<typeof scan>['findings']) {
  return findings
    .map((f) => (f.location.kind === 'package' ? `${f.location.manifest} ${f.location.name} ${f.location.version} ${f.ruleId} ${f.severity} -> ${f.fix.advice ?? 'no fix'}` : ''))
    .sort();
}

/** The records of examples/vulnerable-app/osv-db as osv.dev publishes them: <Ecosystem>/all.zip. */
function zippedExport(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-osv-zip-'));
  for (const ecosystem of ['npm', 'PyPI']) {
    mkdirSync(join(dir, ecosystem));
    const files = readdirSync(join(OSV_DB, ecosystem));
    writeFileSync(join(dir, ecosystem, 'all.zip'), buildDeflatedZip(files.map((f) => ({ path: f, content: readFileSync(join(OSV_DB, ecosystem, f)) }))));
  }
  return dir;
}

function exportWith(records: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-osv-db-'));
  cpSync(OSV_DB, dir, { recursive: true });
  for (const [path, record] of Object.entries(records)) writeFileSync(join(dir, path), JSON.stringify(record));
  return dir;
}

const PLANTED = [
  'api/requirements.txt Flask 0.12.2 CVE-2018-1000656 high -> upgrade Flask to 0.12.3',
  'api/requirements.txt Jinja2 2.10 CVE-2019-10906 high -> upgrade Jinja2 to 2.10.1',
  'api/requirements.txt PyYAML 5.3.1 CVE-2020-14343 critical -> upgrade PyYAML to 5.4',
  'api/requirements.txt requests 2.19.1 CVE-2018-18074 high -> upgrade requests to 2.20.0',
  'api/requirements.txt urllib3 1.24.1 CVE-2019-11324 high -> upgrade urllib3 to 1.24.2',
  'web/package-lock.json axios 0.21.0 CVE-2020-28168 medium -> upgrade axios to 0.21.1',
  'web/package-lock.json follow-redirects 1.13.0 CVE-2022-0155 high -> upgrade follow-redirects to 1.14.7',
  'web/package-lock.json lodash 4.17.15 CVE-2020-8203 high -> upgrade lodash to 4.17.19',
  'web/package-lock.json lodash 4.17.15 CVE-2021-23337 high -> upgrade lodash to 4.17.21',
  'web/package-lock.json minimist 1.2.0 CVE-2020-7598 medium -> upgrade minimist to 1.2.3',
];

describe('osv-offline against a folder of OSV records', () => {
  it('finds the planted vulnerable dependencies of a Python API and an npm app, with their smallest fixes', async () => {
    const { parsed, findings } = scan(await run());
    expect(parsed.incomplete).toEqual([]);
    expect(parsed.nativeCount).toBe(10);
    expect(summaryOf(findings)).toEqual(PLANTED);
  });

  it('unites a PYSEC record and the GitHub advisory of one CVE into one finding with every alias', async () => {
    const { findings } = scan(await run());
    const pyyaml = findings.find((f) => f.ruleId === 'CVE-2020-14343')!;
    expect(pyyaml.aliases).toEqual(['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4', 'PYSEC-2021-142']);
    expect(pyyaml.sources).toEqual([{ engine: 'osv-offline', nativeId: 'GHSA-8q59-q68h-6hv4,PYSEC-2021-142', nativeSeverity: 'CRITICAL' }]);
    expect(pyyaml.severityBasis).toEqual({ kind: 'cvss', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, source: 'ghsa' } });
    expect(pyyaml.fix).toEqual({ available: true, versions: ['5.4'], state: 'fixed', advice: 'upgrade PyYAML to 5.4' });
    expect(pyyaml.identifiers.map((i) => i.value)).toEqual(expect.arrayContaining(['CVE-2020-14343', 'PYSEC-2021-142', 'CWE-20']));
  });

  it('suggests the fix on the installed branch when a record has several (minimist 1.2.0 -> 1.2.3, not 0.2.1)', async () => {
    const { findings } = scan(await run());
    expect(findings.find((f) => f.ruleId === 'CVE-2020-7598')!.fix).toMatchObject({ versions: ['0.2.1', '1.2.3'], advice: 'upgrade minimist to 1.2.3' });
  });

  it('writes its own report with the OSV record ids and their modified dates, and the export it read', async () => {
    const report = OsvOfflineReportSchema.parse(JSON.parse(await run()));
    expect(report.database).toMatchObject({ recordsSeen: 15, ecosystems: ['PyPI', 'npm'], latestRecordModified: '2025-08-11T14:49:47Z' });
    const lodash = report.results.find((r) => (r as { package: { name: string } }).package.name === 'lodash') as { groups: { ids: string[]; vulnerabilities: { id: string; modified: string }[] }[] };
    expect(lodash.groups.map((g) => g.vulnerabilities.map((v) => `${v.id} ${v.modified}`))).toEqual([['GHSA-35jh-r3h4-6jhm 2025-08-11T14:36:26Z'], ['GHSA-p6mc-m468-83gw 2025-08-11T14:49:47Z']]);
    expect(report.inputs.map((i) => `${i.path} ${i.kind} ${i.packages}`)).toEqual(['api/requirements.txt requirements.txt 5', 'web/package-lock.json package-lock.json 4']);
  });

  it('scans only the lockfiles it is given', async () => {
    const { findings } = scan(await run({ targets: ['web/package-lock.json'] }));
    expect(new Set(findings.map((f) => (f.location.kind === 'package' ? f.location.manifest : '')))).toEqual(new Set(['web/package-lock.json']));
  });
});

describe('osv-offline against osv.dev zips', () => {
  it('streams <Ecosystem>/all.zip exports and finds the same vulnerabilities', async () => {
    const { parsed, findings } = scan(await run({ cacheDir: zippedExport() }));
    expect(parsed.incomplete).toEqual([]);
    expect(summaryOf(findings)).toEqual(PLANTED);
  });

  it('reads a single zip given directly', async () => {
    const dir = zippedExport();
    const { findings, parsed } = scan(await run({ cacheDir: join(dir, 'npm', 'all.zip'), targets: ['web/package-lock.json'] }));
    expect(parsed.incomplete).toEqual([]);
    expect(findings).toHaveLength(5);
  });

  it('refuses an entry whose declared size is over the cap and says the scan is incomplete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-osv-bomb-'));
    mkdirSync(join(dir, 'npm'));
    writeFileSync(join(dir, 'npm', 'all.zip'), buildDeflatedZip([{ path: 'BOMB.json', content: '{}', declaredSize: 1024 * 1024 * 1024 }]));
    const { parsed } = scan(await run({ cacheDir: dir, targets: ['web/package-lock.json'] }));
    expect(parsed.incomplete.join('\n')).toMatch(/1 records of the OSV export could not be read \(npm\/all\.zip!BOMB\.json: not read: 1073741824 bytes uncompressed/);
  });

  it('fails when an entry holds more than it declares (a lying zip)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-osv-lie-'));
    mkdirSync(join(dir, 'npm'));
    writeFileSync(join(dir, 'npm', 'all.zip'), buildDeflatedZip([{ path: 'LIE.json', content: 'x'.repeat(10_000), declaredSize: 10 }]));
    await expect(run({ cacheDir: dir, targets: ['web/package-lock.json'] })).rejects.toThrow(/^the OSV export .*npm\/all\.zip could not be read: too many bytes in the stream/);
  });
});

describe('osv-offline fails closed', () => {
  it('needs an export: none given is a configuration error', async () => {
    await expect(run({ cacheDir: undefined })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('says an ecosystem the export has no records for was not checked', async () => {
    const { parsed } = scan(await run({ cacheDir: join(OSV_DB, 'npm') }));
    expect(parsed.incomplete).toEqual(['the OSV export has no PyPI records: 5 PyPI packages were not checked (Flask, Jinja2, PyYAML, requests, urllib3)']);
  });

  it('ignores withdrawn records', async () => {
    const withdrawn = JSON.parse(readFileSync(join(OSV_DB, 'npm/GHSA-4w2v-q235-vp99.json'), 'utf8'));
    const { findings, parsed } = scan(await run({ cacheDir: exportWith({ 'npm/GHSA-4w2v-q235-vp99.json': { ...withdrawn, withdrawn: '2024-01-01T00:00:00Z' } }) }));
    expect(findings.some((f) => f.ruleId === 'CVE-2020-28168')).toBe(false);
    expect(parsed.notes).toContain('1 withdrawn OSV records were ignored');
  });

  it('makes the scan incomplete when a record naming a scanned package is malformed', async () => {
    const broken = { id: 'GHSA-xxxx-xxxx-xxxx', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'axios' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }] }] };
    const { parsed } = scan(await run({ cacheDir: exportWith({ 'npm/BROKEN.json': broken }) }));
    expect(parsed.incomplete).toEqual([expect.stringMatching(/^1 records of the OSV export could not be read \(npm\/BROKEN\.json: .*exactly one of introduced/)]);
  });

  it('makes the scan incomplete when a lockfile cannot be read, and still reports the others', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-osv-ws-'));
    cpSync(APP, ws, { recursive: true });
    writeFileSync(join(ws, 'web/package-lock.json'), Buffer.from('{"lockfileVersion": 3}', 'utf16le'));
    const { parsed, findings } = scan(await run({ workspace: ws }));
    expect(parsed.incomplete).toEqual([expect.stringMatching(/^osv-offline could not read web\/package-lock\.json:1:2: .*UTF-16/)]);
    expect(findings).toHaveLength(5);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('timed out'));
    await expect(run({}, controller.signal)).rejects.toThrow('timed out');
  });
});

describe('osv-offline on a CycloneDX SBOM', () => {
  it('matches the components purls and lists what it could not check', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-osv-sbom-'));
    writeFileSync(
      join(ws, 'sbom.cdx.json'),
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        metadata: { component: { name: 'app', purl: 'pkg:npm/app@1.0.0' } },
        components: [
          { type: 'library', name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15' },
          { type: 'library', name: 'PyYAML', version: '5.3.1', purl: 'pkg:pypi/PyYAML@5.3.1', components: [{ type: 'library', name: 'minimist', purl: 'pkg:npm/minimist@1.2.0' }] },
          { type: 'library', name: 'zlib', version: '1.2.11', purl: 'pkg:deb/debian/zlib@1.2.11' },
          { type: 'library', name: 'no-purl' },
        ],
      }),
    );
    const { parsed, findings } = scan(await run({ workspace: ws, mode: 'sbom', targets: ['sbom.cdx.json'] }));
    expect(summaryOf(findings)).toEqual([
      'sbom.cdx.json lodash 4.17.15 CVE-2020-8203 high -> upgrade lodash to 4.17.19',
      'sbom.cdx.json lodash 4.17.15 CVE-2021-23337 high -> upgrade lodash to 4.17.21',
      'sbom.cdx.json minimist 1.2.0 CVE-2020-7598 medium -> upgrade minimist to 1.2.3',
      'sbom.cdx.json pyyaml 5.3.1 CVE-2020-14343 critical -> upgrade pyyaml to 5.4',
    ]);
    expect(parsed.incomplete).toEqual([]);
    expect(parsed.notes!.join('\n')).toMatch(/sbom\.cdx\.json: 2 entries not checked .*zlib \(purl type "deb" has no OSV ecosystem\).*no-purl \(no purl\)/);
  });
});
