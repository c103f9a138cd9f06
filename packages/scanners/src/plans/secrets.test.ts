import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import type { ScanRange } from '../git/scan-range';
import { planSecrets, planStagedSecretsScan, type SecretsPlanInput } from './secrets';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const prRange: ScanRange = {
  event: 'pull_request',
  range: { kind: 'commits', include: [HEAD], exclude: [BASE] },
  commitCount: 40,
  description: 'pull request #12: aaaaaaa..bbbbbbb, 40 commits',
  complete: true,
  notes: [],
};
const input = (extra: Partial<SecretsPlanInput> = {}): SecretsPlanInput => ({
  workspace: '/ws',
  runtime: 'actions',
  target: { kind: 'history', range: prRange },
  trustedFiles: [],
  trustedConfigDir: '/run/trusted',
  ...extra,
});
const engines = (plan: ReturnType<typeof planSecrets>) => plan.invocations.map((i) => i.engine);
const reasonOf = (plan: ReturnType<typeof planSecrets>, engine: string) => plan.notRun.find((n) => n.engine === engine)?.reason;

describe('the secrets scan plan', () => {
  it('runs secretlint and gitleaks on exactly the PR range in Actions, both required, config from the trusted copy', () => {
    const plan = planSecrets(input());
    expect(engines(plan)).toEqual(['secretlint', 'gitleaks']);
    for (const invocation of plan.invocations) {
      expect(invocation).toMatchObject({ required: true, label: expect.stringContaining('pull request #12'), options: { workspace: '/ws', mode: 'history', gitRange: `${BASE}..${HEAD}`, trustedConfigDir: '/run/trusted', targets: [] } });
    }
    expect(plan.range).toEqual({ description: prRange.description, commitCount: 40, complete: true });
    expect(plan.notes[0]).toBe('Scanned: pull request #12: aaaaaaa..bbbbbbb, 40 commits');
    expect(reasonOf(plan, 'detect-secrets')).toBe('no .secrets.baseline in the repository');
    expect(reasonOf(plan, 'trufflehog')).toBe('trufflehog is optional and not turned on');
    expect(plan.incomplete).toEqual([]);
  });

  it("adds detect-secrets on the working tree when the repository keeps a .secrets.baseline", () => {
    const plan = planSecrets(input({ trustedFiles: ['.secrets.baseline'] }));
    expect(plan.invocations.find((i) => i.engine === 'detect-secrets')).toMatchObject({ label: 'working tree against .secrets.baseline', options: { mode: 'full' }, required: true });
  });

  it('refuses to turn detect-secrets on without a baseline, saying how to make one', () => {
    expect(() => planSecrets(input({ engines: { detectSecrets: 'on' } }))).toThrow(ConfigurationError);
    expect(() => planSecrets(input({ engines: { detectSecrets: 'on' } }))).toThrow(/detect-secrets scan > \.secrets\.baseline/);
  });

  it('runs trufflehog only when turned on, verifying unless told not to', () => {
    const on = planSecrets(input({ engines: { trufflehog: 'on' } }));
    expect(on.invocations.find((i) => i.engine === 'trufflehog')).toMatchObject({ options: { mode: 'history', gitRange: `${BASE}..${HEAD}`, extraArgs: [] } });
    expect(on.notes).toContain("trufflehog verifies each candidate with its provider's API; a verified secret is critical");
    const noVerify = planSecrets(input({ engines: { trufflehog: 'on' }, trufflehogVerify: false }));
    expect(noVerify.invocations.find((i) => i.engine === 'trufflehog')!.options.extraArgs).toEqual(['--no-verification']);
  });

  it('gives force pushes and new branches (several excluded commits) to gitleaks and secretlint, not trufflehog', () => {
    const range: ScanRange = { ...prRange, event: 'push', range: { kind: 'commits', include: [HEAD], exclude: [BASE, 'c'.repeat(40)] }, description: 'new branch x: 3 commits', commitCount: 3 };
    const plan = planSecrets(input({ target: { kind: 'history', range }, engines: { trufflehog: 'on' } }));
    expect(plan.invocations.find((i) => i.engine === 'gitleaks')!.options.gitRange).toBe(`${HEAD} ^${BASE} ^${'c'.repeat(40)}`);
    expect(reasonOf(plan, 'trufflehog')).toMatch(/base\.\.head ranges only/);
  });

  it('scans all history (no range) on schedule', () => {
    const range: ScanRange = { event: 'full-history', range: { kind: 'all' }, commitCount: 900, description: 'full history (schedule): 900 commits on every branch and tag', complete: true, notes: [] };
    const plan = planSecrets(input({ target: { kind: 'history', range } }));
    for (const invocation of plan.invocations) {
      expect(invocation.options.mode).toBe('history');
      expect(invocation.options.gitRange).toBeUndefined();
    }
  });

  it('makes the history engines incomplete, never clean, when the range is incomplete; detect-secrets still runs', () => {
    const range: ScanRange = { event: 'pull_request', commitCount: 0, description: 'pull request #12', complete: false, problem: 'the checkout is shallow', notes: [] };
    const plan = planSecrets(input({ target: { kind: 'history', range }, trustedFiles: ['.secrets.baseline'] }));
    expect(engines(plan)).toEqual(['detect-secrets']);
    expect(plan.incomplete).toEqual([
      { engine: 'secretlint', reason: 'the range cannot be scanned completely: the checkout is shallow' },
      { engine: 'gitleaks', reason: 'the range cannot be scanned completely: the checkout is shallow' },
    ]);
    expect(plan.range!.complete).toBe(false);
  });

  it('runs nothing on history for a deleted branch or a push with no new commit', () => {
    const deleted: ScanRange = { event: 'push', commitCount: 0, description: 'push to x: the branch was deleted, nothing to scan', complete: true, notes: [] };
    const plan = planSecrets(input({ target: { kind: 'history', range: deleted } }));
    expect(plan.invocations).toEqual([]);
    expect(reasonOf(plan, 'gitleaks')).toBe('push to x: the branch was deleted, nothing to scan');
    const empty = planSecrets(input({ target: { kind: 'history', range: { ...prRange, commitCount: 0 } } }));
    expect(reasonOf(empty, 'secretlint')).toMatch(/no commit to scan/);
  });

  it('on a laptop lists a missing gitleaks as not run, unless asked for by name', () => {
    const laptop = planSecrets(input({ runtime: 'local', available: { gitleaks: false } }));
    expect(engines(laptop)).toEqual(['secretlint']);
    expect(reasonOf(laptop, 'gitleaks')).toBe('gitleaks is not installed; secretlint applies the same Gatehouse rules');
    expect(laptop.invocations[0]!.required).toBe(false);
    const asked = planSecrets(input({ runtime: 'local', available: { gitleaks: false }, engines: { gitleaks: 'on' } }));
    expect(asked.invocations.find((i) => i.engine === 'gitleaks')!.required).toBe(true);
  });

  it('scans files as they are with secretlint and gitleaks dir', () => {
    const plan = planSecrets(input({ target: { kind: 'files', paths: ['src', 'config/app.env'] }, runtime: 'local' }));
    expect(plan.invocations.map((i) => [i.engine, i.options.mode, i.options.targets])).toEqual([
      ['secretlint', 'full', ['src', 'config/app.env']],
      ['gitleaks', 'full', []],
    ]);
  });

  it('says when the repository config is used', () => {
    const plan = planSecrets(input({ trustedFiles: ['.gitleaks.toml', '.gitleaksignore', '.secretlintignore'] }));
    expect(plan.notes).toEqual(expect.arrayContaining([expect.stringMatching(/repository's \.gitleaks\.toml from the trusted configuration/), 'gitleaks honours .gitleaksignore from the trusted configuration', 'secretlint honours .secretlintignore from the trusted configuration']));
  });
});

describe('gatehouse scan --staged (the pre-commit hook)', () => {
  it('runs secretlint over the staged added lines, and gitleaks git --staged when installed', () => {
    const plan = planStagedSecretsScan({ workspace: '/repo', gitleaksInstalled: true });
    expect(plan.invocations.map((i) => [i.engine, i.options.mode])).toEqual([
      ['secretlint', 'staged'],
      ['gitleaks', 'staged'],
    ]);
    expect(plan.invocations.every((i) => i.options.workspace === '/repo' && i.required === false)).toBe(true);
    expect(reasonOf(plan, 'trufflehog')).toBe('trufflehog is turned off');
  });

  it('runs secretlint alone without gitleaks', () => {
    const plan = planStagedSecretsScan({ workspace: '/repo', gitleaksInstalled: false });
    expect(engines(plan)).toEqual(['secretlint']);
  });
});
