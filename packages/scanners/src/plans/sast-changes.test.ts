import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, finalizeFindings } from '@gatehouse/findings';
import { interpretExit, runCommand } from '@gatehouse/toolchain';
import { banditAdapter } from '../bandit';
import { containerHardeningAdapter } from '../container-hardening';
import { executableOnPath } from '../test-support/executable-on-path';
import { changedFiles, gatherSastGitFacts, trackedFiles } from './sast-changes';
import { planSast } from './sast';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, env: GIT_ENV, encoding: 'utf8' }).trim();
const write = (repo: string, path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

/** A repository whose main branch has a Python app and a Dockerfile, and a pull request branch that changes some of it. */
function pullRequestRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'gh-sast-git-'));
  git(repo, 'init', '-q', '-b', 'main');
  write(repo, 'apps/api/app.py', 'import subprocess\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n');
  write(repo, 'apps/api/util.py', 'def add(a, b):\n    return a + b\n');
  write(repo, 'apps/old.py', 'x = 1\n');
  write(repo, 'apps/api/Dockerfile', 'FROM python:3.12.7-slim@sha256:0a3ea62e7be2c4e81c3c2bc5d0ff9d8f1c8a4f5e6b7c8d9e0f1a2b3c4d5e6f70\nUSER app\nHEALTHCHECK CMD true\n');
  write(repo, 'docs/read me.md', 'hello\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'feature');
  write(repo, 'apps/api/util.py', 'import hashlib\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n');
  write(repo, 'worker/Dockerfile', 'FROM python:latest\nRUN pip install celery\n');
  rmSync(join(repo, 'apps/old.py'));
  renameSync(join(repo, 'docs/read me.md'), join(repo, 'docs/read-me é.md'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'feature');
  const head = git(repo, 'rev-parse', 'HEAD');
  // The base branch moves on after the pull request was opened: its changes are not the PR's.
  git(repo, 'checkout', '-q', 'main');
  write(repo, 'apps/api/app.py', 'print("moved on")\n');
  git(repo, 'commit', '-q', '-am', 'main moves on');
  const movedBase = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', 'feature');
  return { repo, base, head, movedBase };
}

describe('git facts for the sast plan, from a real repository', () => {
  it('lists the files a pull request adds, modifies or renames, not what it deletes nor what landed on the base since', async () => {
    const { repo, head, movedBase } = pullRequestRepo();
    expect((await changedFiles(repo, movedBase, head)).sort()).toEqual(['apps/api/util.py', 'docs/read-me é.md', 'worker/Dockerfile']);
  });

  it('lists the tracked files', async () => {
    const { repo } = pullRequestRepo();
    expect((await trackedFiles(repo)).sort()).toEqual(['apps/api/Dockerfile', 'apps/api/app.py', 'apps/api/util.py', 'docs/read-me é.md', 'worker/Dockerfile']);
  });

  it('refuses a base that is not a commit sha (no option injection into git)', async () => {
    const { repo, head } = pullRequestRepo();
    await expect(changedFiles(repo, '--output=/tmp/x', head)).rejects.toThrow(ConfigurationError);
  });

  it('says why the changed files are unknown when the base commit is missing (a shallow clone)', async () => {
    const { repo, head } = pullRequestRepo();
    const facts = await gatherSastGitFacts(repo, { base: 'c'.repeat(40), head });
    expect(facts.changedFiles).toBeUndefined();
    expect(facts.problem).toMatch(/could not be listed .*git .*exited with code 128.*fetch-depth: 0/);
    expect(facts.files.length).toBe(5);
  });
});

const bandit = executableOnPath('bandit');

describe('a pull request, planned and scanned for real', () => {
  it('checks only the changed Dockerfile with container hardening, and bandit only the changed Python file', async () => {
    const { repo, base, head } = pullRequestRepo();
    const facts = await gatherSastGitFacts(repo, { base, head });
    const plan = planSast({ event: 'pull_request', workspace: repo, baseSha: base, headSha: head, files: facts.files, changedFiles: facts.changedFiles!, semgrep: { enabled: false } });
    const hardening = plan.invocations.find((i) => i.engine === 'container-hardening')!;
    expect(hardening.options.targets).toEqual(['worker/Dockerfile']);
    const report = await containerHardeningAdapter.runInProcess!({ ...hardening.options, executable: '', reportPath: '' }, new AbortController().signal);
    const parsed = containerHardeningAdapter.parse(report, { file: 'hardening.json', workspace: repo, salt: 'pr-plan-salt-0123456789' });
    expect([...new Set(parsed.findings.map((f) => (f.location.kind === 'code' ? f.location.path : '-')))]).toEqual(['worker/Dockerfile']);

    const banditRun = plan.invocations.find((i) => i.engine === 'bandit')!;
    expect(banditRun.options.targets).toEqual(['apps/api/util.py']);
    if (!bandit) return; // the plan is checked above; the real run needs bandit on PATH
    const workDir = mkdtempSync(join(tmpdir(), 'gh-sast-bandit-'));
    const opts = await banditAdapter.prepare!({ ...banditRun.options, executable: bandit, reportPath: join(workDir, 'bandit.json'), workDir });
    interpretExit(await runCommand(banditAdapter.command!(opts), { timeoutMs: 120_000 }), banditAdapter.exitCodes!);
    const findings = finalizeFindings(banditAdapter.parse(readFileSync(opts.reportPath, 'utf8'), { file: 'bandit.json', workspace: repo, salt: 'pr-plan-salt-0123456789' }).findings).findings;
    expect(findings.map((f) => (f.location.kind === 'code' ? f.location.path : '-'))).not.toContain('apps/api/app.py');
    expect(findings.some((f) => f.location.kind === 'code' && f.location.path === 'apps/api/util.py' && f.location.startLine === 4)).toBe(true);
  });
});
