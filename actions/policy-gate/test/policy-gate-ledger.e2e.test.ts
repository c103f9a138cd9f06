// The findings ledger, remediation issues and notifications of policy-gate's committed bundle, run as
// the runner runs it (Node 24) against the OpenAPI-checked fake GitHub and the fake artifact service.
// Between runs, the ledger artifact a run uploaded is moved to the repository's artifact list, as
// GitHub shows a finished run's artifacts to later runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingsDocument } from '@gatehouse/findings';
import { unzipInMemory } from '@gatehouse/github';
import { fakeDefaultBranchHistory, type DefaultBranchHistory } from '@gatehouse/github/test-support';
import { startLoopbackHttpServer } from '@gatehouse/notify/test-support';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent, runBundledAction, type BundledActionRun } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWorkspace, banditFindings, json, semgrepFinding } from './support/findings-documents';

const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const manifest = fileURLToPath(new URL('../action.yml', import.meta.url));
const LEDGER = 'gatehouse-ledger';
const DECISION = 'gatehouse-decision-policy-gate-security';
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);

let github: FakeGitHub;
let artifacts: FakeArtifactService;
let history: DefaultBranchHistory;
let workspace: string;

beforeEach(async () => {
  github = await FakeGitHub.start();
  artifacts = await FakeArtifactService.start();
  history = fakeDefaultBranchHistory(github);
  workspace = appWorkspace();
});
afterEach(async () => {
  await github.close();
  await artifacts.close();
});

function writePolicy(text: string): void {
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'gatehouse.yml'), text);
}

async function push(inputs: Record<string, string> = {}): Promise<BundledActionRun> {
  const run = await runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), inputs: { expected: 'sast', ...inputs } });
  expect(run.stderr).toBe('');
  return run;
}

/** The run is over: its ledger becomes an artifact of a default-branch run that later runs can list. */
function finishRun(): void {
  const index = artifacts.artifacts.findIndex((a) => a.name === LEDGER);
  expect(index).toBeGreaterThanOrEqual(0);
  const [ledger] = artifacts.artifacts.splice(index, 1);
  github.state.addRepositoryArtifact(LEDGER, {}, { zip: ledger!.content, headSha: history.advance(), createdAt: new Date() });
}

/**
 * Seeds this run's scanning artifact as a scanning action without a ledger writes it: every finding
 * first seen now (so only the gate's ledger can carry an older date forward).
 */
function seedScan(name: string, document: FindingsDocument): void {
  const index = artifacts.artifacts.findIndex((a) => a.name === name);
  if (index >= 0) artifacts.artifacts.splice(index, 1);
  const now = new Date().toISOString();
  artifacts.seedArtifact(name, { 'findings.json': json({ ...document, findings: document.findings.map((f) => ({ ...f, firstSeen: now })) }) });
}

async function decisionDocument(): Promise<FindingsDocument> {
  const decision = artifacts.artifacts.find((a) => a.name === DECISION)!;
  const files = await unzipInMemory(decision.content);
  return JSON.parse(files.get('findings.json')!.toString()) as FindingsDocument;
}

const firstSeenByLine = (document: FindingsDocument) =>
  Object.fromEntries(document.findings.map((f) => [`${f.sources[0]!.engine}:${f.location.kind === 'code' ? f.location.startLine : 0}`, f.firstSeen]));

describe('policy-gate and the findings ledger (bundled, under Node 24)', () => {
  it('keeps first-seen dates over three default-branch runs, and a pull request reads them without writing', async () => {
    writePolicy('version: 1\n');
    const sast = banditFindings(workspace);
    const extra = semgrepFinding(workspace, 'Tainted command', 'cmd reaches subprocess');
    seedScan('gatehouse-findings-sast-security', sast);
    await push();
    const first = firstSeenByLine(await decisionDocument());
    finishRun();

    seedScan('gatehouse-findings-sast-security', sast);
    seedScan('gatehouse-findings-sast-extra', extra);
    await push();
    const second = firstSeenByLine(await decisionDocument());
    finishRun();

    seedScan('gatehouse-findings-sast-security', sast);
    seedScan('gatehouse-findings-sast-extra', extra);
    const third = await push();
    const dates = firstSeenByLine(await decisionDocument());
    expect(dates['bandit:5']).toBe(first['bandit:5']);
    expect(dates['bandit:9']).toBe(first['bandit:9']);
    expect(dates['semgrep:5']).toBe(second['semgrep:5']);
    expect(Date.parse(second['semgrep:5']!)).toBeGreaterThan(Date.parse(first['bandit:5']!));
    expect(third.stdout).toContain('findings ledger: 3 finding(s) known from 2 default-branch ledger(s)');
    finishRun();

    // A pull request adds nothing new: the ledger knows every finding, so nothing blocks as new.
    artifacts.artifacts.splice(0, artifacts.artifacts.length);
    seedScan('gatehouse-findings-sast-security', sast);
    const payload = pullRequestEvent({ number: 7, base: { sha: BASE }, head: { sha: HEAD } });
    github.state.setFile(BASE, '.github/gatehouse.yml', 'version: 1\n');
    github.state.setFile((payload.pull_request as { merge_commit_sha: string }).merge_commit_sha, '.github/gatehouse.yml', 'version: 1\n');
    const pr = await runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts, event: 'pull_request', payload, inputs: { expected: 'sast' } });
    expect(pr.outputs.verdict).toBe('warn');
    expect(JSON.parse(pr.outputs.counts!)).toMatchObject({ new: 0, blocking: 0 });
    expect((await decisionDocument()).findings.map((f) => f.firstSeen).sort()).toEqual([first['bandit:5'], first['bandit:9']].sort());
    expect(artifacts.artifacts.map((a) => a.name)).not.toContain(LEDGER);
  });

  it('loses no date when two default-branch runs write their ledgers at once', async () => {
    writePolicy('version: 1\n');
    const other = await FakeArtifactService.start();
    try {
      // Two runs (each with its own artifact service) read the same empty ledger and write at once.
      const sast = banditFindings(workspace);
      const extra = semgrepFinding(workspace, 'Tainted command', 'cmd reaches subprocess');
      seedScan('gatehouse-findings-sast-security', sast);
      other.seedArtifact('gatehouse-findings-sast-extra', { 'findings.json': json({ ...extra, findings: extra.findings.map((f) => ({ ...f, firstSeen: new Date().toISOString() })) }) });
      const runOn = (service: FakeArtifactService) =>
        runBundledAction({ bundle, actionManifest: manifest, workspace, github, artifacts: service, event: 'push', payload: pushEvent({ ref: 'refs/heads/main', after: HEAD }), inputs: { expected: 'sast' } });
      await Promise.all([runOn(artifacts), runOn(other)]);
      const left = firstSeenByLine(await decisionDocument());
      const otherDecision = await unzipInMemory(other.artifacts.find((a) => a.name === DECISION)!.content);
      const right = firstSeenByLine(JSON.parse(otherDecision.get('findings.json')!.toString()) as FindingsDocument);
      finishRun();
      const ledger = other.artifacts.find((a) => a.name === LEDGER)!;
      github.state.addRepositoryArtifact(LEDGER, {}, { zip: ledger.content, headSha: history.advance(), createdAt: new Date() });

      seedScan('gatehouse-findings-sast-security', sast);
      seedScan('gatehouse-findings-sast-extra', extra);
      const next = await push();
      expect(next.stdout).toContain('findings ledger: 3 finding(s) known from 2 default-branch ledger(s)');
      const dates = firstSeenByLine(await decisionDocument());
      expect(dates).toEqual({ 'bandit:5': left['bandit:5'], 'bandit:9': left['bandit:9'], 'semgrep:5': right['semgrep:5'] });
    } finally {
      await other.close();
    }
  });

  it('opens remediation issues and notifies Slack on a blocked default-branch run; Slack being down changes no verdict', async () => {
    writePolicy('version: 1\nremediationIssues:\n  enabled: true\n');
    artifacts.seedArtifact('gatehouse-findings-sast-security', { 'findings.json': json(banditFindings(workspace)) });
    const slack = await startLoopbackHttpServer([{ respond: 500, body: 'down' }]);
    const webhook = await startLoopbackHttpServer([{ respond: 200 }]);
    const webhookSecret = 'sig-' + 'k'.repeat(28);
    try {
      const run = await push({ 'slack-webhook-url': `${slack.url}/services/T1/B1/hookpath`, 'webhook-url': `${webhook.url}/in`, 'webhook-secret': webhookSecret });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('block');
      expect(slack.requests.length).toBeGreaterThan(1);
      expect(webhook.requests).toHaveLength(1);
      expect(run.summary).toContain('Notifications: 1 of 2 channel\\(s\\) confirmed delivery; not delivered: slack\\.');
      expect(run.summary).toContain('### Notifications');
      expect(run.summary).toContain('Remediation issues: 1 written, 0 escalated as overdue, 0 closed\\.');
      expect(run.summary).toMatch(/\| slack \(slack\) \| no \| failed \| 4 \|/);
      const issues = github.state.issues.filter((i) => i.labels.some((l) => l.name === 'gatehouse-remediation'));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.title).toContain('[Gatehouse] High:');
      // The runner hides a value once ::add-mask:: names it: that line is the only one that may hold it.
      expect(run.stdout).toContain(`::add-mask::${webhookSecret}`);
      const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
      for (const text of [log, run.summary, JSON.stringify(github.requests), issues[0]!.body ?? '']) {
        expect(text).not.toContain('hookpath');
        expect(text).not.toContain(webhookSecret);
      }
    } finally {
      await slack.close();
      await webhook.close();
    }
  });
});
