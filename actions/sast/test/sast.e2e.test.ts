// The committed sast bundle on a real repository: bandit for real (the pinned tool's entry hands over
// to this machine's bandit), container hardening for real (in process), semgrep and trivy config as
// stub executables asserting their argv.
import type { FindingsDocument } from '@gatehouse/findings';
import { pullRequestEvent, pushEvent, workflowDispatchEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE_RULES, checkout, PR_RULES, sastRepository, VIEWS_PY, type SastRepository } from './support/sast-repository';
import { realBandit, SastHarness, semgrepArgv, semgrepReport, trivyConfigArgv, trivyConfigReport } from './support/sast-harness';

let repo: SastRepository;
let harness: SastHarness;

beforeAll(() => {
  repo = sastRepository();
});

beforeEach(async () => {
  harness = await SastHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const prPayload = (options: { fork?: boolean } = {}) =>
  pullRequestEvent({ number: 8, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature', ...(options.fork ? { fork: { owner: 'outsider' } } : {}) } });
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1').replace(/\u200d/g, '');
const viewsReport = () => semgrepReport({ path: 'app/views.py', line: 6, code: VIEWS_PY.split('\n')[5]! });

async function findingsDocument(): Promise<FindingsDocument> {
  return JSON.parse((await harness.artifactFiles()).get('findings.json')!) as FindingsDocument;
}

const where = (f: FindingsDocument['findings'][number]) => (f.location.kind === 'code' ? `${f.location.path}:${f.location.startLine ?? ''}` : f.location.kind);

describe.skipIf(!realBandit)('sast, bundled, on a real repository', () => {
  it('on a pull request scans only what changed, with the base commit\u2019s bandit configuration, and blocks on the new shell call', async () => {
    const semgrep = harness.stub('semgrep', semgrepArgv(repo.base), { kind: 'report-file', flag: '--output', content: viewsReport(), exitCode: 1 });
    const trivy = harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace });

    expect(run.stderr).toBe('');
    expect(harness.calls(semgrep)).toHaveLength(1);
    expect(harness.calls(trivy)).toHaveLength(1);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    const document = await findingsDocument();
    expect(document.engines.map((e) => [e.id, e.status]).sort()).toEqual([
      ['bandit', 'ran'],
      ['container-hardening', 'ran'],
      ['semgrep', 'ran'],
      ['trivy', 'ran'],
    ]);
    const bandit = document.findings.filter((f) => f.sources.some((s) => s.engine === 'bandit'));
    // The pull request's [tool.bandit] skips B602: the base commit has no such table, so B602 is reported.
    expect(bandit.map((f) => [f.ruleId, where(f)])).toContainEqual(['B602', 'app/views.py:6']);
    // Only the changed Python file: the old shell call in app/legacy.py is not this pull request's.
    expect(document.findings.some((f) => where(f).startsWith('app/legacy.py'))).toBe(false);
    // Container hardening and trivy config agree on DS-0001 and are merged into one finding.
    const latest = document.findings.filter((f) => f.ruleId === 'DS-0001');
    expect(latest).toHaveLength(1);
    expect(latest[0]!.sources.map((s) => s.engine).sort()).toEqual(['container-hardening', 'trivy']);
    expect(latest[0]!.category).toBe('iac');
    expect(document.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['DS-0002', 'DS-0026', 'CH-PIP-UNPINNED', 'python.lang.security.audit.subprocess-shell-true.subprocess-shell-true']));

    const summary = plain(run.summary);
    expect(summary).toContain('only changed files are scanned where the engine supports it');
    expect(summary).toContain(`semgrep: reports only findings new since the base commit ${repo.base.slice(0, 7)} (--baseline-commit)`);
    expect(summary).toContain('bandit: scans the 1 changed Python files');
    expect(summary).toContain('bandit runs with its defaults: pyproject.toml in');
    expect(harness.github.state.sarifUploads.map((u) => u.toolName).sort()).toEqual(['gatehouse/bandit', 'gatehouse/container-hardening', 'gatehouse/semgrep', 'gatehouse/trivy']);
    expect(run.commands.filter((c) => c.name === 'error' || c.name === 'warning').some((c) => c.properties.file === 'app/views.py')).toBe(true);
    harness.github.assertNoViolations();
  });

  it('on a pull request runs semgrep with the base commit\u2019s rules of semgrep-rules-path, not the pull request\u2019s', async () => {
    const semgrep = harness.stub(
      'semgrep',
      semgrepArgv(repo.base, ['--config', { re: '/.+/trusted-tree/rules/shell\\.yml' }]),
      { kind: 'report-file', flag: '--output', content: viewsReport(), exitCode: 1 },
      [{ flag: '--config', contains: [BASE_RULES], lacks: [PR_RULES] }],
    );
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace, inputs: { 'semgrep-rules-path': 'rules/shell.yml' } });

    expect(run.stderr).toBe('');
    expect(harness.calls(semgrep)).toHaveLength(1);
    expect(run.outputs.verdict).toBe('block');
    expect(plain(run.summary)).toContain(`semgrep uses the rules of rules/shell.yml from the base commit ${repo.base.slice(0, 7)}`);
  });

  it('on a fork pull request with a read-only token keeps the SARIF in the artifact and the verdict stands', async () => {
    harness.stub('semgrep', semgrepArgv(repo.base), { kind: 'report-file', flag: '--output', content: viewsReport(), exitCode: 1 });
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload({ fork: true }), workspace, token: harness.github.readOnlyToken });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(harness.github.state.sarifUploads).toEqual([]);
    expect(run.summary).toContain('SARIF not published to code scanning');
    const files = await harness.artifactFiles();
    // semgrep's and trivy's native reports may hold plaintext secrets (p/secrets, trivy's secret scanner): not kept.
    expect([...files.keys()].sort()).toEqual(['audit.jsonl', 'compliance.json', 'findings.json', 'report.html', 'reports/bandit.json', 'reports/container-hardening.json', 'results.sarif', 'summary.md']);
    harness.github.assertNoViolations();
  });

  it('on a shallow pull request checkout fetches the base commit so the scan stays diff-aware', async () => {
    harness.stub('semgrep', semgrepArgv(repo.base), { kind: 'report-file', flag: '--output', content: viewsReport(), exitCode: 1 });
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo, 'shallow').dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace });

    expect(run.stderr).toBe('');
    expect(plain(run.summary)).toContain(`fetched commit ${repo.base.slice(0, 7)}`);
    expect(plain(run.summary)).toContain('bandit: scans the 1 changed Python files');
    expect(run.outputs.verdict).toBe('block');
  });

  it('on a push scans everything with the workspace\u2019s configuration: semgrep without a baseline, bandit honouring [tool.bandit]', async () => {
    const semgrep = harness.stub('semgrep', semgrepArgv(undefined), { kind: 'report-file', flag: '--output', content: viewsReport(), exitCode: 1 });
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'push', payload: pushEvent({ ref: 'refs/heads/feature', before: repo.base, after: repo.head }), workspace, inputs: { 'fail-on': 'never' } });

    expect(run.stderr).toBe('');
    expect(harness.calls(semgrep)).toHaveLength(1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('block');
    const document = await findingsDocument();
    const banditPlaces = document.findings.filter((f) => f.ruleId === 'B602').map(where).sort();
    // On a push the workspace is trusted: its [tool.bandit] skips B602, so bandit reports neither call.
    expect(banditPlaces).toEqual([]);
    expect(document.engines.find((e) => e.id === 'bandit')?.status).toBe('ran');
  });

  it('a crashing semgrep and a hanging trivy make the step fail as incomplete, and bandit\u2019s and container hardening\u2019s findings are still published', async () => {
    harness.stub('semgrep', null, { kind: 'crash', stderr: 'Fatal error: exception Out_of_memory' });
    harness.stub('trivy', null, { kind: 'hang' });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'pull_request', payload: prPayload(), workspace, inputs: { 'engine-timeout-seconds': '3' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    const status = Object.fromEntries(document.engines.map((e) => [e.id, [e.status, e.reason ?? '']]));
    expect(status.semgrep).toEqual(['incomplete', expect.stringMatching(/^semgrep\b.*killed by signal SIGSEGV/)]);
    expect(status.trivy).toEqual(['incomplete', expect.stringMatching(/^trivy\b.*timed out/)]);
    expect(status.bandit).toEqual(['ran', '']);
    expect(status['container-hardening']).toEqual(['ran', '']);
    expect(document.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['B602', 'DS-0001', 'DS-0002']));
    expect(harness.github.state.sarifUploads.map((u) => u.toolName).sort()).toEqual(['gatehouse/bandit', 'gatehouse/container-hardening']);
    expect(run.summary).toMatch(/incomplete/i);
    harness.github.assertNoViolations();
  }, 180_000);

  it('workflow_dispatch with a semgrep that prints garbage: incomplete, never clean', async () => {
    harness.stub('semgrep', semgrepArgv(undefined), { kind: 'garbage', flag: '--output', garbage: '{"results": [ {"check_id": "x", ', exitCode: 1 });
    harness.stub('trivy', trivyConfigArgv('.'), { kind: 'report-file', flag: '--output', content: trivyConfigReport(), exitCode: 10 });
    const workspace = checkout(repo).dir;

    const run = await harness.run({ event: 'workflow_dispatch', payload: workflowDispatchEvent({ ref: 'refs/heads/feature' }), workspace });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const document = await findingsDocument();
    expect(document.engines.find((e) => e.id === 'semgrep')).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/truncated|invalid JSON/) });
  });
});
