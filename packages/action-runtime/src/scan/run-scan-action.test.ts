import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipInMemory } from '@gatehouse/github';
import type { ScanPlan } from '@gatehouse/scanners';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executableOnPath } from '../test-support/executable-on-path';
import { runInProcess } from '../test-support/in-process-action';
import { runScanAction } from './run-scan-action';
import type { ScanActionInputs } from './scan-action-inputs';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Real bandit when this machine has it (CI installs it); the test that needs it is skipped otherwise. */
const bandit = executableOnPath('bandit');

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;
let secret: string;

/** A Stripe-format test key made now, so the repository holds no secret-shaped literal. */
function fakeStripeKey(): string {
  let random = '';
  for (let i = 0; i < 32; i++) random += ALNUM[randomInt(ALNUM.length)];
  return ['sk', 'test', random].join('_');
}

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = mkdtempSync(join(tmpdir(), 'gatehouse-scan-action-'));
  secret = fakeStripeKey();
  mkdirSync(join(workspace, 'config'));
  writeFileSync(join(workspace, 'config', 'settings.env'), `STRIPE_SECRET_KEY=${secret}\n`);
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

const secretlintPlan: ScanPlan = {
  invocations: [{ engine: 'secretlint', label: 'the working tree', options: { workspace: '', targets: ['.'], mode: 'full' } }],
  notRun: [{ engine: 'gitleaks', reason: 'history scanning is off (scan-history: false)' }],
  notes: ['Scanned the working tree.'],
};

function inputs(overrides: Partial<ScanActionInputs> = {}): ScanActionInputs {
  return { token: github.writeToken, policy: '.github/gatehouse.yml', 'fail-on': 'block', 'upload-sarif': true, mode: 'auto', ...overrides };
}

function planFor(plan: ScanPlan) {
  return () => ({ ...plan, invocations: plan.invocations.map((i) => ({ ...i, options: { ...i.options, workspace } })) });
}

async function scan(options: { inputs?: Partial<ScanActionInputs>; plan?: ScanPlan; event?: 'push' | 'pull_request'; payload?: Record<string, unknown>; env?: Record<string, string> } = {}) {
  const event = options.event ?? 'push';
  const payload = options.payload ?? pushEvent({ ref: 'refs/heads/main', after: HEAD });
  return runInProcess({ github, artifacts, event, payload, workspace, ...(options.env ? { env: options.env } : {}) }, () =>
    runScanAction({ action: 'secrets-scan', inputs: inputs(options.inputs), plan: planFor(options.plan ?? secretlintPlan), sarifWait: false }),
  );
}

async function artifactFiles(name: string): Promise<Map<string, string>> {
  const artifact = artifacts.artifacts.find((a) => a.name === name);
  if (!artifact) throw new Error(`no artifact ${name}; have ${artifacts.artifacts.map((a) => a.name).join(', ')}`);
  const files = await unzipInMemory(artifact.content);
  return new Map([...files].map(([path, content]) => [path, content.toString('utf8')]));
}

describe('runScanAction', () => {
  it('runs the plan, uploads one artifact gatehouse-findings-<action>-<job>, sets the outputs, writes the summary, and never lets the secret out', async () => {
    const { result, run } = await scan();

    expect(result.document.engines.map((e) => [e.id, e.status])).toEqual([
      ['gitleaks', 'not-run'],
      ['secretlint', 'ran'],
    ]);
    expect(result.document.decision.verdict).toBe('block');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', 'blocking-count': '1', 'findings-file': result.findingsFile, 'sarif-file': result.sarifFile, 'report-dir': result.outDir });
    expect(JSON.parse(run.outputs.counts!)).toMatchObject({ open: 1, blocking: 1, byCategory: { secret: 1 } });
    expect(existsSync(result.findingsFile)).toBe(true);
    expect(run.summary).toContain('<!-- gatehouse:secrets-scan -->');
    expect(run.summary).toContain('Blocked: 1 finding blocks this change');
    expect(run.summary).toContain('Scanned the working tree');

    const files = await artifactFiles('gatehouse-findings-secrets-scan-security');
    expect([...files.keys()].sort()).toEqual(['audit.jsonl', 'compliance.json', 'findings.json', 'report.html', 'results.sarif', 'summary.md']);
    for (const [path, content] of files) expect(content.includes(secret), path).toBe(false);
    expect(readFileSync(result.findingsFile, 'utf8')).not.toContain(secret);
    expect(run.summary).not.toContain(secret);

    // The value is masked (::add-mask::) and appears nowhere else in the log.
    expect(run.commands.some((c) => c.name === 'add-mask' && c.data === secret)).toBe(true);
    expect(run.stdout.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))).toEqual([]);

    expect(github.state.sarifUploads).toHaveLength(1);
    expect(github.state.sarifUploads[0]).toMatchObject({ ref: 'refs/heads/main', commitSha: HEAD });
    const runs = (github.state.sarifUploads[0]!.sarif as { runs: { automationDetails: { id: string } }[] }).runs;
    expect(runs.map((r) => r.automationDetails.id)).toEqual(['gatehouse/secretlint/secrets-scan/']);
  });

  it.each([
    ['block', true],
    ['incomplete', false],
    ['never', false],
  ] as const)('fail-on %s with a blocking finding: the step fails: %s', async (failOn, fails) => {
    const { result, run } = await scan({ inputs: { 'fail-on': failOn, 'upload-sarif': false } });
    expect(result.document.decision.verdict).toBe('block');
    expect(result.failed).toBe(fails);
    expect(run.exitCode).toBe(fails ? 1 : undefined);
    expect(run.outputs.verdict).toBe('block');
    expect(github.state.sarifUploads).toEqual([]);
    expect(run.summary).toContain('SARIF upload is turned off');
  });

  it.each([
    ['incomplete', true],
    ['never', false],
  ] as const)('an engine that crashes is incomplete, naming it and the cause; fail-on %s fails the step: %s', async (failOn, fails) => {
    const stubs = mkdtempSync(join(tmpdir(), 'gatehouse-crashing-runner-'));
    const crashing = join(stubs, 'secretlint-runner.js');
    writeFileSync(crashing, "process.stderr.write('RangeError: Maximum call stack size exceeded\\n');\nprocess.exit(2);\n");
    chmodSync(crashing, 0o755);

    const { result, run } = await scan({ inputs: { 'fail-on': failOn }, env: { GATEHOUSE_SECRETLINT_RUNNER: crashing } });

    const secretlint = result.document.engines.find((e) => e.id === 'secretlint')!;
    expect(secretlint.status).toBe('incomplete');
    expect(secretlint.reason).toContain('Maximum call stack size exceeded');
    expect(result.document.decision.verdict).toBe('incomplete');
    expect(run.outputs.verdict).toBe('incomplete');
    expect(result.failed).toBe(fails);
    expect(run.exitCode).toBe(fails ? 1 : undefined);
    if (fails) {
      const failure = run.commands.filter((c) => c.name === 'error' && !c.properties.file).map((c) => c.data).join('\n');
      expect(failure).toMatch(/secrets-scan: incomplete.*secretlint/);
    }
    expect(artifacts.artifacts.map((a) => a.name)).toEqual(['gatehouse-findings-secrets-scan-security']);
  });

  it('an engine whose pinned build cannot be had is incomplete with the cause, and the other engines still run', async () => {
    const plan: ScanPlan = {
      invocations: [
        { engine: 'bandit', label: 'Python code', options: { workspace: '', targets: ['.'], mode: 'full' } },
        ...secretlintPlan.invocations,
      ],
      notRun: [],
      notes: [],
    };
    const { result } = await runInProcess({ github, artifacts, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), workspace }, () =>
      runScanAction({
        action: 'sast',
        inputs: inputs({ 'upload-sarif': false }),
        plan: planFor(plan),
        resolveEngine: async (engine) =>
          engine === 'bandit'
            ? { status: 'incomplete', engine, reason: 'bandit 1.7.10: the download did not match its pinned sha256' }
            : { status: 'available', engine, path: join(process.cwd(), 'packages/scanners/dist/secretlint-runner.js'), version: 'bundled', source: 'path' },
      }),
    );
    expect(result.document.engines.map((e) => [e.id, e.status, e.reason ?? ''])).toEqual([
      ['bandit', 'incomplete', 'bandit 1.7.10: the download did not match its pinned sha256'],
      ['secretlint', 'ran', ''],
    ]);
    expect(result.document.findings).toHaveLength(1);
    expect(artifacts.artifacts.map((a) => a.name)).toEqual(['gatehouse-findings-sast-security']);
  });

  it.skipIf(!bandit)('keeps the native report of an engine whose reports hold no secrets (bandit), and never secretlint\u2019s', async () => {
    writeFileSync(join(workspace, 'tool.py'), 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n');
    const plan: ScanPlan = {
      invocations: [{ engine: 'bandit', label: 'Python code', options: { workspace: '', targets: ['.'], mode: 'full' } }, ...secretlintPlan.invocations],
      notRun: [],
      notes: [],
    };
    const { result, run } = await runInProcess({ github, artifacts, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), workspace }, () =>
      runScanAction({
        action: 'sast',
        inputs: inputs({ 'upload-sarif': false }),
        plan: planFor(plan),
        resolveEngine: async (engine) =>
          engine === 'bandit'
            ? { status: 'available', engine, path: bandit!, version: 'on PATH', source: 'path' }
            : { status: 'available', engine, path: join(process.cwd(), 'packages/scanners/dist/secretlint-runner.js'), version: 'bundled', source: 'path' },
      }),
    );
    expect(result.document.engines.map((e) => [e.id, e.status])).toEqual([
      ['bandit', 'ran'],
      ['secretlint', 'ran'],
    ]);
    const files = await artifactFiles('gatehouse-findings-sast-security');
    expect([...files.keys()].filter((f) => f.startsWith('reports/'))).toEqual(['reports/bandit.json']);
    expect(JSON.parse(files.get('reports/bandit.json')!)).toHaveProperty('results');
    for (const [path, content] of files) expect(content.includes(secret), path).toBe(false);
    expect(run.summary).toContain('1 native report \\(reports/\\)');
  });

  it('on a pull request obeys the base commit\u2019s policy, not the one in the workspace', async () => {
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, '.github', 'gatehouse.yml'), 'version: 1\ncategories:\n  secret:\n    block: none\n');
    github.state.setFile(BASE, '.github/gatehouse.yml', 'version: 1\n');
    const payload = pullRequestEvent({ number: 3, base: { sha: BASE }, head: { sha: HEAD } });

    const { result, run } = await scan({ event: 'pull_request', payload, inputs: { 'upload-sarif': false } });

    expect(result.document.decision.verdict).toBe('block');
    expect(run.summary).toContain('from the base commit bbbbbbb of pull request');
    expect(github.requests.some((r) => r.route === 'GET /repos/{owner}/{repo}/contents/{path}' && r.query.ref === BASE)).toBe(true);
  });

  it('on a fork pull request keeps the refused SARIF in its one artifact and says so', async () => {
    github.state.setFile(BASE, '.github/gatehouse.yml', 'version: 1\n');
    const payload = pullRequestEvent({ number: 4, base: { sha: BASE }, head: { sha: HEAD, fork: { owner: 'outsider' } } });
    const { result, run } = await runInProcess({ github, artifacts, event: 'pull_request', payload, workspace }, () =>
      runScanAction({ action: 'secrets-scan', inputs: { ...inputs(), token: github.readOnlyToken }, plan: planFor(secretlintPlan), sarifWait: false }),
    );
    expect(result.sarif).toMatchObject({ status: 'kept-as-artifact', reason: 'fork' });
    expect(run.summary).toContain('SARIF not published to code scanning: pull requests from forks get a read\\-only token');
    expect(run.summary).toContain('kept in the artifact gatehouse\\-findings\\-secrets\\-scan\\-security');
    // The kept SARIF is the results.sarif already in the artifact: no second copy, no second artifact.
    expect([...(await artifactFiles('gatehouse-findings-secrets-scan-security')).keys()]).not.toContain('kept/results.sarif');
    expect(artifacts.artifacts).toHaveLength(1);
  });

  it('in a matrix leg names the artifact and the SARIF category after the leg', async () => {
    const { result } = await scan({ inputs: { matrix: '{"python":"3.12","os":"ubuntu"}' } });
    const name = artifacts.artifacts[0]!.name;
    expect(name).toMatch(/^gatehouse-findings-secrets-scan-security-[0-9a-f]{8}$/);
    const hash = name.slice(-8);
    const runs = (github.state.sarifUploads[0]!.sarif as { runs: { automationDetails: { id: string } }[] }).runs;
    expect(runs.map((r) => r.automationDetails.id)).toEqual([`gatehouse/secretlint/secrets-scan-${hash}/`]);
    expect(result.artifact.status).toBe('uploaded');
  });
});
