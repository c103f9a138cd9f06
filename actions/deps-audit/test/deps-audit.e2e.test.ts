// Issue 7, end to end: the committed bundle audits a real git monorepo (an npm app under web/ and a
// Python API under api/) under Node 24. osv-offline runs for real against the demo's OSV records;
// pip-audit and npm audit are stubs asserting their argv and printing recorded reports.
import type { Finding, FindingsDocument } from '@gatehouse/findings';
import { pullRequestEvent, pushEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DepsAuditHarness, FINDINGS_ARTIFACT, NPM_AUDIT_ARGV, pipAuditArgv, recorded, RUNNABLE_ENGINES } from './support/deps-audit-harness';
import { checkout, monorepo, OSV_DATABASE, type Monorepo } from './support/monorepo';

let repo: Monorepo;
let harness: DepsAuditHarness;

beforeAll(() => {
  repo = monorepo();
});

beforeEach(async () => {
  harness = await DepsAuditHarness.start();
});

afterEach(async () => {
  harness.github.assertNoViolations();
  await harness.close();
});

const MANIFESTS = ['api/requirements.txt', 'web/package-lock.json'];
const RUNNABLE = { engines: RUNNABLE_ENGINES, 'osv-database': OSV_DATABASE };

/** pip-audit and npm audit answering as recorded: pip-audit for api/, npm audit for web/. */
function recordedEngines() {
  return {
    pipAudit: harness.stubPipAudit(pipAuditArgv, { kind: 'report-file', flag: '--output', content: recorded.pipAuditApi(), exitCode: 1 }, [
      { flag: '-r', contains: ['==5.3.1', '==0.12.2'], lacks: ['lodash'] },
    ]),
    npm: harness.stubNpm({ web: { kind: 'report', content: recorded.npmAuditWeb(), exitCode: 1 } }),
  };
}

const prPayload = (fork = false) =>
  pullRequestEvent({ number: 7, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature', ...(fork ? { fork: { owner: 'outsider' } } : {}) } });

const nameOf = (f: Finding) => (f.location.kind === 'package' ? f.location.name : '');
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

async function findingsDocument(): Promise<FindingsDocument> {
  return JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
}

const statuses = (document: FindingsDocument) => Object.fromEntries(document.engines.map((e) => [e.id, e.status]));

describe('deps-audit on a pull request that adds lodash 4.17.15 to a monorepo', () => {
  it('runs each engine on every manifest it reads, merges their findings, and blocks only what the lockfile change brought in', async () => {
    const workspace = checkout(repo, 'feature');
    const engines = recordedEngines();

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace, inputs: RUNNABLE });

    expect(run.stderr).toBe('');
    expect(harness.calls(engines.pipAudit)).toHaveLength(1);
    expect(harness.calls(engines.npm)).toEqual([{ argv: NPM_AUDIT_ARGV, cwd: `${workspace}/web` }]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '2' });
    // The test fixture's lockfile is left out by default.
    expect(JSON.parse(run.outputs.manifests!)).toEqual(MANIFESTS);

    const document = await findingsDocument();
    expect(statuses(document)).toEqual({ 'osv-offline': 'ran', 'pip-audit': 'ran', 'npm-audit': 'ran', 'osv-scanner': 'not-run' });
    // One finding per vulnerability per package and manifest, whichever engines reported it.
    const lodash = document.findings.filter((f) => nameOf(f) === 'lodash');
    expect(lodash.map((f) => [f.ruleId, f.isNew, f.sources.map((s) => s.engine).sort()])).toEqual(
      expect.arrayContaining([
        ['CVE-2020-8203', true, ['npm-audit', 'osv-offline']],
        ['CVE-2021-23337', true, ['npm-audit', 'osv-offline']],
      ]),
    );
    expect(lodash).toHaveLength(2);
    expect(document.decision.blockingIds.sort()).toEqual(lodash.map((f) => f.id).sort());
    // What the base already had warns as pre-existing, even though it is rated high.
    const minimist = document.findings.find((f) => nameOf(f) === 'minimist')!;
    expect(minimist).toMatchObject({ isNew: false, fix: { available: true, advice: 'upgrade minimist to 1.2.3' } });
    expect(document.decision.reasons.map((r) => r.code)).toContain('preexisting');
    // pip-audit rates nothing: its findings got their OSV records' CVSS vectors.
    const pyyaml = document.findings.find((f) => nameOf(f).toLowerCase() === 'pyyaml')!;
    expect(pyyaml.sources.map((s) => s.engine).sort()).toEqual(['osv-offline', 'pip-audit']);
    expect(pyyaml.severity).toBe('critical');
    expect(pyyaml.location).toMatchObject({ manifest: 'api/requirements.txt' });

    const files = await harness.artifactFiles();
    expect([...files.keys()].sort()).toEqual(
      [
        'audit.jsonl',
        'compliance.json',
        'findings.json',
        'report.html',
        'reports/api-requirements-txt/pip-audit.json',
        'reports/npm-audit-web-package-lock-json.json',
        'reports/osv-offline.json',
        'results.sarif',
        'summary.md',
      ].sort(),
    );
    expect(files.get('reports/api-requirements-txt/pip-audit.json')).toBe(recorded.pipAuditApi());
    expect(JSON.parse(files.get('reports/osv-offline.json')!)).toMatchObject({ format: 'gatehouse-osv-offline', inputs: [{ path: 'api/requirements.txt' }, { path: 'web/package-lock.json' }] });

    const summary = plain(run.summary);
    expect(summary).toContain('2 manifests found');
    expect(summary).toContain('the pull request adds 1 package versions and removes 0');
    expect(summary).toContain('lodash@4.17.15 (web/package-lock.json) | upgrade to 4.17.21');
    expect(harness.github.state.sarifUploads.map((u) => u.toolName).sort()).toEqual(['gatehouse/npm-audit', 'gatehouse/osv-offline', 'gatehouse/pip-audit']);
    // Blocking findings are error annotations on their manifest; pre-existing ones are warnings.
    const errors = run.commands.filter((c) => c.name === 'error' && c.properties.file);
    expect(errors.map((c) => [c.properties.file, c.data.split(':')[0]])).toEqual([
      ['web/package-lock.json', 'lodash@4.17.15'],
      ['web/package-lock.json', 'lodash@4.17.15'],
    ]);
    expect(run.commands.some((c) => c.name === 'warning' && c.properties.file === 'api/requirements.txt')).toBe(true);
    expect(run.stdout).not.toContain(harness.github.writeToken);
    expect(files.get('findings.json')).not.toContain(harness.github.writeToken);
  });

  it('from a fork with a read-only token keeps the SARIF in the artifact, says so, and the verdict stands', async () => {
    const workspace = checkout(repo, 'feature');
    recordedEngines();

    const run = await harness.run({ event: 'pull_request', payload: prPayload(true), workspace, inputs: RUNNABLE, token: harness.github.readOnlyToken });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '2' });
    expect(harness.github.state.sarifUploads).toEqual([]);
    expect(run.summary).toContain('SARIF not published to code scanning: pull requests from forks get a read\\-only token');
    expect(harness.artifacts.artifacts.map((a) => a.name)).toEqual([FINDINGS_ARTIFACT]);
  });

  it('without the merge base in the clone (a shallow checkout) counts every dependency finding as new and says why', async () => {
    const workspace = checkout(repo, 'feature', 'shallow');
    recordedEngines();

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace, inputs: RUNNABLE });

    const document = await findingsDocument();
    expect(document.findings.every((f) => f.isNew === true)).toBe(true);
    expect(Number(run.outputs['blocking-count'])).toBeGreaterThan(2);
    expect(plain(run.summary)).toContain('Every dependency finding counts as new: the merge base of the pull request could not be found');
  });
});

describe('deps-audit on the default branch', () => {
  it('on push blocks on every vulnerable dependency, naming the lockfile the push changed', async () => {
    const workspace = checkout(repo, 'feature');
    recordedEngines();

    const run = await harness.run({ event: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: repo.base, after: repo.head }), workspace, inputs: RUNNABLE });

    expect(run.exitCode).toBe(1);
    const document = await findingsDocument();
    expect(document.findings.some((f) => f.isNew === false)).toBe(false);
    // The default policy blocks high, critical and unknown severities, new or not.
    const blocking = document.findings.filter((f) => ['critical', 'high', 'unknown'].includes(f.severity));
    expect(document.decision.blockingIds.sort()).toEqual(blocking.map((f) => f.id).sort());
    expect(blocking.map(nameOf)).toContain('lodash');
    expect(plain(run.summary)).toContain('push: 1 manifest changed (web/package-lock.json)');
    expect(harness.github.state.sarifUploads.length).toBe(3);
  });

  it('on schedule audits the manifests nobody changed', async () => {
    const workspace = checkout(repo, 'main');
    const engines = recordedEngines();

    const run = await harness.run({ event: 'schedule', payload: { schedule: '17 5 * * *' }, workspace, inputs: RUNNABLE });

    expect(harness.calls(engines.npm)).toHaveLength(1);
    expect(run.outputs.verdict).toBe('block');
    const document = await findingsDocument();
    // main's lockfile has no lodash; osv-offline reads the lockfile, so it does not report one.
    expect(document.findings.filter((f) => nameOf(f) === 'lodash').every((f) => f.sources.every((s) => s.engine === 'npm-audit'))).toBe(true);
  });
});

describe('deps-audit fails closed and still publishes what the other engines found', () => {
  it('an engine that crashes and one that prints garbage are incomplete; osv-offline’s findings are published', async () => {
    const workspace = checkout(repo, 'main');
    harness.stubPipAudit(pipAuditArgv, { kind: 'crash', stderr: 'Segmentation fault' });
    harness.stubNpm({ web: { kind: 'report', content: '<html>502 Bad Gateway</html>', exitCode: 1 } });

    const run = await harness.run({ event: 'schedule', payload: { schedule: '17 5 * * *' }, workspace, inputs: { ...RUNNABLE, 'fail-on': 'incomplete' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    expect(statuses(document)).toMatchObject({ 'osv-offline': 'ran', 'pip-audit': 'incomplete', 'npm-audit': 'incomplete' });
    expect(document.engines.find((e) => e.id === 'pip-audit')!.reason).toMatch(/SIGSEGV|signal/);
    expect(document.findings.some((f) => nameOf(f) === 'minimist' && f.sources.some((s) => s.engine === 'osv-offline'))).toBe(true);
    expect(harness.github.state.sarifUploads.map((u) => u.toolName)).toContain('gatehouse/osv-offline');
    expect(run.summary).toContain('pip\\-audit');
  });

  it('an engine that hangs is stopped after engine-timeout and is incomplete', async () => {
    const workspace = checkout(repo, 'main');
    harness.stubPipAudit(pipAuditArgv, { kind: 'hang' });
    harness.stubNpm({ web: { kind: 'report', content: recorded.npmAuditWeb(), exitCode: 1 } });

    const run = await harness.run({ event: 'schedule', payload: { schedule: '17 5 * * *' }, workspace, inputs: { ...RUNNABLE, 'engine-timeout': '5' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    expect(statuses(document)).toMatchObject({ 'osv-offline': 'ran', 'pip-audit': 'incomplete', 'npm-audit': 'ran' });
    expect(document.engines.find((e) => e.id === 'pip-audit')!.reason).toMatch(/tim/i);
  });

  it('with the default inputs and no network: osv.dev’s export and osv-scanner’s build cannot be had, so both are incomplete', async () => {
    const workspace = checkout(repo, 'main');
    recordedEngines();

    const run = await harness.run({ event: 'schedule', payload: { schedule: '17 5 * * *' }, workspace });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    expect(statuses(document)).toEqual({ 'osv-offline': 'incomplete', 'osv-scanner': 'incomplete', 'pip-audit': 'ran', 'npm-audit': 'ran' });
    expect(document.engines.find((e) => e.id === 'osv-offline')!.reason).toContain('vulnerability database could not be downloaded');
    expect(document.findings.length).toBeGreaterThan(0);
    expect(run.summary).toContain('osv\\-offline');
  });
});
