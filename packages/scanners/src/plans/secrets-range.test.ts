import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, mergeFindings } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { resolveScanRange, type ScanEvent } from '../git/scan-range';
import { TestRepo } from '../git/test-support/git-repo';
import { gitleaksAdapter } from '../gitleaks';
import { exampleSecret, type ExampleSecret } from '../secret-rules';
import { secretlintAdapter } from '../secretlint';
import { planSecrets, type SecretsScanPlan } from './secrets';
import { runEngineForTest } from './test-support/run-engine';
import { buildSecretlintRunnerBundle } from './test-support/runner-bundle';
import { writeStubExecutable } from './test-support/stub-executable';

/**
 * The scan ranges, for real: a git repository with a 40-commit pull request whose commit 3 adds a
 * secret and commit 5 removes it. secretlint (the real runner) scans the added lines of exactly the
 * range the plan gives; a stub gitleaks asserts the `--log-opts` it is given.
 */

const SALT = 'range-test-salt-0123456789abcdef';
let bundle: string;
let origin: TestRepo;
let base: string;
let prCommits: string[];
let secret: ExampleSecret;

beforeAll(async () => {
  bundle = await buildSecretlintRunnerBundle();
  secret = exampleSecret('gatehouse-stripe-secret-key', 'live');
  origin = TestRepo.create('gh-range-');
  origin.commit('initial', { 'README.md': '# shop\n', 'config/payment.env': '# payment settings\n' });
  for (let i = 0; i < 5; i++) origin.commit(`main ${i}`, { 'main.txt': `main ${i}\n` });
  base = origin.head();
  origin.git('checkout', '--quiet', '-b', 'feature');
  prCommits = [];
  for (let n = 1; n <= 40; n++) {
    const files: Record<string, string> = { 'src/counter.txt': `commit ${n}\n` };
    if (n === 3) files['config/payment.env'] = `# payment settings\n${secret.text}`;
    if (n === 5) files['config/payment.env'] = '# payment settings\nSTRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}\n';
    prCommits.push(origin.commit(`feature commit ${n}`, files));
  }
}, 60_000);

const context = () => ({ workspace: origin.dir, salt: SALT });

async function planFor(event: ScanEvent): Promise<SecretsScanPlan> {
  const range = await resolveScanRange(origin.dir, event, { defaultBranch: 'main', fetch: { allowed: false } });
  return planSecrets({ workspace: origin.dir, runtime: 'actions', target: { kind: 'history', range }, trustedFiles: [] });
}

function invocation(plan: SecretsScanPlan, engine: string) {
  const found = plan.invocations.find((i) => i.engine === engine);
  if (!found) throw new Error(`no ${engine} invocation in the plan: ${JSON.stringify(plan)}`);
  return found;
}

async function runSecretlint(plan: SecretsScanPlan) {
  const workDir = mkdtempSync(join(tmpdir(), 'gh-range-secretlint-'));
  const opts: RunOptions = { ...invocation(plan, 'secretlint').options, executable: bundle, reportPath: join(workDir, 'secretlint.json'), workDir };
  return runEngineForTest(secretlintAdapter, opts, context(), { timeoutMs: 120_000 });
}

/** A stub gitleaks that accepts exactly the argv gitleaks must get for this range, and prints `report`. */
async function runStubGitleaks(plan: SecretsScanPlan, expectedLogOpts: string, report: object[]) {
  const workDir = mkdtempSync(join(tmpdir(), 'gh-range-gitleaks-'));
  const reportPath = join(workDir, 'gitleaks.json');
  const argv = [
    'git',
    `--log-opts=${expectedLogOpts}`,
    '--config', join(workDir, 'gatehouse-default.gitleaks.toml'),
    '--report-format', 'json',
    '--report-path', reportPath,
    '--exit-code', '99',
    '--gitleaks-ignore-path', workDir,
    '--no-banner', '--no-color',
    '.git',
  ];
  const executable = writeStubExecutable(join(workDir, 'bin'), 'gitleaks', argv, { kind: 'report-file', flag: '--report-path', content: JSON.stringify(report), exitCode: report.length > 0 ? 99 : 0 });
  const opts: RunOptions = { ...invocation(plan, 'gitleaks').options, executable, reportPath, workDir };
  return runEngineForTest(gitleaksAdapter, opts, context());
}

const gitleaksLeak = () => ({
  RuleID: 'gatehouse-stripe-secret-key',
  Description: 'Stripe secret API key (sk_live_ / sk_test_)',
  StartLine: 2,
  EndLine: 2,
  StartColumn: 19,
  EndColumn: 18 + secret.value.length,
  Match: secret.value,
  Secret: secret.value,
  File: 'config/payment.env',
  Commit: prCommits[2],
  Author: 'Dana Developer',
  Email: 'dana@example.test',
  Date: '2023-11-14T22:16:20Z',
  Message: 'feature commit 3',
  Tags: [],
  Fingerprint: `${prCommits[2]}:config/payment.env:gatehouse-stripe-secret-key:2`,
});

describe('a 40-commit pull request whose commit 3 adds a secret and commit 5 removes it', () => {
  it('is scanned as exactly base..head, 40 commits, and the summary says so', async () => {
    const plan = await planFor({ kind: 'pull_request', baseSha: base, headSha: prCommits[39]!, number: 12 });
    expect(plan.range).toEqual({ description: `pull request #12: ${base.slice(0, 7)}..${prCommits[39]!.slice(0, 7)}, 40 commits`, commitCount: 40, complete: true });
    expect(plan.notes[0]).toBe(`Scanned: ${plan.range!.description}`);
    expect(invocation(plan, 'secretlint').options).toMatchObject({ mode: 'history', gitRange: `${base}..${prCommits[39]}` });
    expect(invocation(plan, 'gitleaks').options).toMatchObject({ mode: 'history', gitRange: `${base}..${prCommits[39]}` });
  });

  it('PR mode finds it with secretlint over the added lines, at its file, line and commit, with the author', async () => {
    const plan = await planFor({ kind: 'pull_request', baseSha: base, headSha: prCommits[39]!, number: 12 });
    const run = await runSecretlint(plan);
    if (run.status !== 'ran') throw new Error(run.reason);
    expect(run.outcome).toBe('findings');
    const found = run.findings.filter((f) => f.ruleId === 'gatehouse-stripe-secret-key');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      location: { kind: 'code', path: 'config/payment.env', startLine: 2, commit: prCommits[2] },
      secret: { hash: hashSecret(secret.value, SALT), author: 'Dana Developer <dana@example.test>' },
    });
    expect(found[0]!.message).toContain(`added in commit ${prCommits[2]!.slice(0, 12)}`);
    expect(JSON.stringify(run.findings)).not.toContain(secret.value);
  }, 120_000);

  it('PR mode gives gitleaks --log-opts=base..head; its finding and secretlint\'s are one secret', async () => {
    const plan = await planFor({ kind: 'pull_request', baseSha: base, headSha: prCommits[39]!, number: 12 });
    const gitleaks = await runStubGitleaks(plan, `${base}..${prCommits[39]}`, [gitleaksLeak()]);
    const secretlint = await runSecretlint(plan);
    if (gitleaks.status !== 'ran') throw new Error(gitleaks.reason);
    if (secretlint.status !== 'ran') throw new Error(secretlint.reason);
    expect(gitleaks.outcome).toBe('findings');
    const merged = mergeFindings([...gitleaks.findings, ...secretlint.findings]).filter((f) => f.secret?.hash === hashSecret(secret.value, SALT));
    expect(merged).toHaveLength(1);
    expect([...new Set(merged[0]!.sources.map((s) => s.engine))].sort()).toEqual(['gitleaks', 'secretlint']);
  }, 120_000);

  it('a push whose range does not include commits 3 to 5 does not find it', async () => {
    const plan = await planFor({ kind: 'push', before: prCommits[9]!, after: prCommits[39]!, branch: 'feature' });
    expect(plan.range).toMatchObject({ commitCount: 30, complete: true });
    const run = await runSecretlint(plan);
    if (run.status !== 'ran') throw new Error(run.reason);
    expect(run.outcome).toBe('clean');
    expect(run.findings).toEqual([]);
    const gitleaks = await runStubGitleaks(plan, `${prCommits[9]}..${prCommits[39]}`, []);
    expect(gitleaks).toMatchObject({ status: 'ran', outcome: 'clean', findings: [] });
  }, 120_000);

  it("a new branch's first push scans the commits not on the default branch, and finds it", async () => {
    const plan = await planFor({ kind: 'push', before: '0'.repeat(40), after: prCommits[39]!, branch: 'feature' });
    expect(plan.range!.description).toBe(`new branch feature: 40 commits of ${prCommits[39]!.slice(0, 7)} not on main or other branches`);
    expect(invocation(plan, 'gitleaks').options.gitRange).toBe(`${base}..${prCommits[39]}`);
    const run = await runSecretlint(plan);
    expect(run.status === 'ran' && run.findings.some((f) => f.location.kind === 'code' && f.location.commit === prCommits[2])).toBe(true);
  }, 120_000);

  it('a force push scans only the commits that were not on the branch before nor elsewhere', async () => {
    const clone = origin.clone('--branch=feature');
    clone.git('reset', '--quiet', '--hard', prCommits[37]!);
    const rewritten = clone.commit('rewritten tip', { 'src/counter.txt': 'rewritten\n' });
    const range = await resolveScanRange(clone.dir, { kind: 'push', before: prCommits[39]!, after: rewritten, branch: 'feature' }, { defaultBranch: 'main', fetch: { allowed: false } });
    expect(range).toMatchObject({ complete: true, commitCount: 1 });
    expect(range.description).toBe(`force push to feature: 1 commit of ${rewritten.slice(0, 7)} not on main or other branches`);
    expect(range.range).toMatchObject({ kind: 'commits', include: [rewritten] });
    expect((range.range as { exclude: readonly string[] }).exclude).toContain(prCommits[39]);
  });
});
