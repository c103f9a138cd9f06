// policy-gate's committed bundle, run the way the runner runs it (Node 24), against the OpenAPI-checked
// fake GitHub and the fake artifact service. Every request must pass validation (close() asserts it).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipInMemory } from '@gatehouse/github';
import { fileURLToPath } from 'node:url';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent, runBundledAction, type BundledActionRun } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWorkspace, banditFindings, crashedBanditFindings, json, semgrepFinding } from './support/findings-documents';

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../action.yml', import.meta.url));
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const POLICY = 'version: 1\n';

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let workspace: string;

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  workspace = appWorkspace();
  return async () => {
    await github.close();
    await artifacts.close();
  };
});

function prPayload(options: { fork?: boolean } = {}) {
  return pullRequestEvent({ number: 7, base: { sha: BASE }, head: { sha: HEAD, ...(options.fork ? { fork: { owner: 'outsider' } } : {}) } });
}

function mergeSha(payload: Record<string, unknown>): string {
  return (payload.pull_request as { merge_commit_sha: string }).merge_commit_sha;
}

/** The policy (and files) as both the base commit and the PR's merge commit hold them. */
function setPolicyOnBothSides(payload: Record<string, unknown>, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    github.state.setFile(BASE, path, content);
    github.state.setFile(mergeSha(payload), path, content);
  }
}

async function runGate(options: { event: 'pull_request' | 'push'; payload: Record<string, unknown>; inputs?: Record<string, string>; token?: string }): Promise<BundledActionRun> {
  return runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts, ...options });
}

describe('policy-gate (bundled, under Node 24)', () => {
  it('on a pull request blocks the new finding and reports the one the base branch already had', async () => {
    const sast = banditFindings(workspace);
    const old = sast.findings.find((f) => f.location.kind === 'code' && f.location.startLine === 5)!;
    const baseline = JSON.stringify({ kind: 'gatehouse-baseline', version: 1, createdAt: '2026-11-01T00:00:00Z', findings: [{ id: old.id }] });
    const payload = prPayload();
    setPolicyOnBothSides(payload, {
      '.github/gatehouse.yml': `${POLICY}newOnly:\n  baselineFile: .github/gatehouse-baseline.json\n`,
      '.github/gatehouse-baseline.json': baseline,
    });
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(sast) });

    const run = await runGate({ event: 'pull_request', payload, inputs: { expected: 'sast' } });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(run.outputs['blocking-count']).toBe('1');
    expect(JSON.parse(run.outputs.counts!)).toMatchObject({ open: 2, blocking: 1, new: 1 });
    expect(run.summary).toContain('already exist on the base branch');
    const comments = github.state.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- gatehouse:comment -->');
    expect(github.state.sarifUploads).toEqual([]);
    expect(artifacts.artifacts.map((a) => a.name).sort()).toEqual(['gatehouse-decision-policy-gate-security', 'gatehouse-findings-sast-security']);
  });

  it('on a push judges the artifacts and a SARIF file, reads the policy from the workspace, and uploads only the imported SARIF', async () => {
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, '.github', 'gatehouse.yml'), POLICY);
    mkdirSync(join(workspace, 'results'));
    copyFileSync(fileURLToPath(new URL('./__fixtures__/codeql-one-alert.sarif', import.meta.url)), join(workspace, 'results', 'python.sarif'));
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(banditFindings(workspace)) });

    const run = await runGate({
      event: 'push',
      payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }),
      inputs: { expected: 'sast', sarif: 'results/*.sarif', 'upload-imported-sarif': 'true' },
    });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(run.outputs['blocking-count']).toBe('3');
    expect(github.requests.filter((r) => r.route?.includes('/contents/'))).toEqual([]);
    expect(github.state.sarifUploads).toHaveLength(1);
    const upload = github.state.sarifUploads[0]!;
    expect(upload).toMatchObject({ ref: 'refs/heads/main', commitSha: HEAD });
    const runs = (upload.sarif as { runs: { automationDetails: { id: string } }[] }).runs;
    expect(runs.map((r) => r.automationDetails.id)).toEqual(['gatehouse/sarif/policy-gate/']);
    expect(github.state.comments).toEqual([]);
    expect(run.summary).toContain('SARIF uploaded to code scanning \\(1 run\\)');
  });

  it('on a fork pull request with a read-only token keeps the SARIF in the decision artifact, skips the comment, and the verdict stands', async () => {
    const payload = prPayload({ fork: true });
    setPolicyOnBothSides(payload, { '.github/gatehouse.yml': POLICY });
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(banditFindings(workspace)) });
    mkdirSync(join(workspace, 'reports'));
    writeFileSync(join(workspace, 'reports', 'semgrep.json'), json(semgrepFinding(workspace, 'Tainted command', 'cmd reaches subprocess')));

    const run = await runGate({ event: 'pull_request', payload, token: github.readOnlyToken, inputs: { findings: 'reports/*.json' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(run.outputs['blocking-count']).toBe('3');
    expect(github.state.sarifUploads).toEqual([]);
    expect(github.state.comments).toEqual([]);
    expect(github.requests.filter((r) => r.route?.includes('/comments'))).toEqual([]);
    expect(run.summary).toContain('SARIF not published to code scanning: pull requests from forks get a read\\-only token');
    expect(run.summary).toContain('No pull request comment: pull requests from forks get a read\\-only token');
    const decision = artifacts.artifacts.find((a) => a.name === 'gatehouse-decision-policy-gate-security')!;
    const files = await unzipInMemory(decision.content);
    expect([...files.keys()].sort()).toEqual(['audit.jsonl', 'compliance.json', 'findings.json', 'kept/results.sarif', 'report.html', 'results.sarif', 'summary.md']);
    const kept = JSON.parse(files.get('kept/results.sarif')!.toString('utf8')) as { runs: { automationDetails: { id: string } }[] };
    expect(kept.runs.map((r) => r.automationDetails.id)).toEqual(['gatehouse/semgrep/policy-gate/']);
  });

  it('on a pull request that loosens the policy decides with the base policy and says what the change would do', async () => {
    const payload = prPayload();
    github.state.setFile(BASE, '.github/gatehouse.yml', POLICY);
    github.state.setFile(mergeSha(payload), '.github/gatehouse.yml', `${POLICY}rules:\n  block: critical\n`);
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(banditFindings(workspace)) });

    const run = await runGate({ event: 'pull_request', payload });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(run.outputs['blocking-count']).toBe('2');
    expect(run.summary).toContain('### Policy change in this pull request');
    expect(run.summary).toContain('this PR loosens the policy: 2 findings would no longer block once merged');
    expect(run.summary).toContain('the verdict would be warn instead of block');
    expect(github.state.commentsOn(7)[0]!.body).toContain('this PR loosens the policy: 2 findings would no longer block once merged');
  });

  it('fails when an engine did not finish, naming it', async () => {
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(await crashedBanditFindings(workspace)) });
    const payload = prPayload();
    setPolicyOnBothSides(payload, { '.github/gatehouse.yml': POLICY });

    const run = await runGate({ event: 'pull_request', payload, inputs: { expected: 'sast' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    const failure = run.commands.filter((c) => c.name === 'error' && !c.properties.file).map((c) => c.data);
    expect(failure.join('\n')).toMatch(/policy-gate: incomplete.*bandit/);
    expect(run.summary).toContain('bandit did not complete');
  });

  it('fails when an expected scanning job left no artifact, naming it', async () => {
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(banditFindings(workspace)) });
    const payload = prPayload();
    setPolicyOnBothSides(payload, { '.github/gatehouse.yml': POLICY });

    const run = await runGate({ event: 'pull_request', payload, inputs: { expected: 'sast, secrets-scan' } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('incomplete');
    expect(run.summary).toContain('expected artifact secrets\\-scan');
    expect(run.commands.filter((c) => c.name === 'error' && !c.properties.file).map((c) => c.data).join('\n')).toContain('secrets-scan');
  });

  it('renders a hostile finding escaped and bounded in the comment, the summary and the log', async () => {
    const hostile = '**bold** <img src=x onerror=alert(1)> [link](javascript:alert(1)) @org/team\n::error::injected\n##[error]legacy injected\n';
    const huge = 'A'.repeat(100 * 1024);
    artifacts.seedArtifact('gatehouse-findings-sast-security', {
      'findings.json': json(semgrepFinding(workspace, hostile + huge, `${hostile}${huge}\n::add-mask::leak\n::stop-commands::pause`)),
    });
    const payload = prPayload();
    setPolicyOnBothSides(payload, { '.github/gatehouse.yml': POLICY });

    const run = await runGate({ event: 'pull_request', payload });

    expect(run.exitCode).toBe(1);
    // The log: no command the finding's text could have issued.
    expect(run.commands.filter((c) => /injected/.test(c.data) && c.name !== 'error' && c.name !== 'warning')).toEqual([]);
    expect(run.commands.filter((c) => c.data.startsWith('injected') || c.data.startsWith('legacy injected'))).toEqual([]);
    expect(run.commands.filter((c) => c.name === 'stop-commands' || (c.name === 'add-mask' && c.data === 'leak'))).toEqual([]);
    const annotation = run.commands.find((c) => c.name === 'error' && c.properties.file === 'app/main.py')!;
    expect(annotation.data).toContain('\n\\::error::injected\n#\\#[error]legacy injected');
    expect(annotation.properties.title!.length).toBeLessThan(400);
    expect(annotation.data.length).toBeLessThan(5_000);
    // The summary: escaped, bounded.
    expect(run.summaryWithinLimit).toBe(true);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(run.summary).toContain('@\u200dorg/team');
    expect(run.summary).not.toMatch(/(^|[^\w])@org\/team/);
    expect(run.summary).not.toMatch(/^::error::/m);
    expect(run.summary).not.toContain(huge.slice(0, 2_000));
    // The comment: escaped, bounded.
    const body = github.state.commentsOn(7)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(body).not.toMatch(/(^|[^\w])@org\/team/);
    expect(body).not.toMatch(/^::error::/m);
    expect(body).not.toContain(huge.slice(0, 2_000));
  });
});
