import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { resolveScanRange } from './scan-range';
import { TestRepo } from './test-support/git-repo';
import { materialiseTrustedSecretsConfig } from './trusted-config';

let origin: TestRepo;
let base: string;
let head: string;

beforeAll(() => {
  origin = TestRepo.create('gh-scan-range-');
  origin.commit('initial', { 'README.md': '# x\n' });
  for (let i = 0; i < 30; i++) origin.commit(`main ${i}`, { 'main.txt': `${i}\n` });
  base = origin.head();
  origin.git('checkout', '--quiet', '-b', 'feature');
  for (let i = 0; i < 12; i++) origin.commit(`pr ${i}`, { 'pr.txt': `${i}\n` });
  head = origin.head();
  origin.git('checkout', '--quiet', 'main');
}, 60_000);

const pr = () => ({ kind: 'pull_request' as const, baseSha: base, headSha: head, number: 7, commits: 12 });

describe('scan ranges in a shallow checkout (actions/checkout fetch-depth: 1)', () => {
  it('says what to change when it may not fetch: the range is incomplete, never silently short', async () => {
    const shallow = origin.clone('--depth=1', '--branch=feature');
    const range = await resolveScanRange(shallow.dir, pr(), { fetch: { allowed: false } });
    expect(range).toMatchObject({ complete: false, commitCount: 0 });
    expect(range.range).toBeUndefined();
    expect(range.problem).toMatch(/the base commit .* is not in the checkout; check out with actions\/checkout `fetch-depth: 0`, or let Gatehouse fetch the missing history/);
  });

  it('fetches the base and deepens until no commit of the range is missing, when allowed', async () => {
    const shallow = origin.clone('--depth=1', '--branch=feature');
    const range = await resolveScanRange(shallow.dir, pr(), { fetch: { allowed: true } });
    expect(range).toMatchObject({ complete: true, commitCount: 12, description: `pull request #7: ${base.slice(0, 7)}..${head.slice(0, 7)}, 12 commits` });
    expect(range.notes).toContain(`fetched commit ${base.slice(0, 7)}`);
  });

  it('finds a range cut by the shallow boundary even when both ends are present', async () => {
    const shallow = origin.clone('--depth=3', '--no-single-branch');
    const range = await resolveScanRange(shallow.dir, pr(), { fetch: { allowed: false } });
    expect(range).toMatchObject({ complete: false });
    expect(range.problem).toMatch(/shallow and misses commits of the range/);
  });

  it('unshallows for a full-history scan (schedule), or says it cannot', async () => {
    expect(await resolveScanRange(origin.clone('--depth=2').dir, { kind: 'full-history', trigger: 'schedule' }, { fetch: { allowed: false } })).toMatchObject({ complete: false });
    const range = await resolveScanRange(origin.clone('--depth=2').dir, { kind: 'full-history', trigger: 'schedule' }, { fetch: { allowed: true } });
    expect(range).toMatchObject({ complete: true, commitCount: 31, range: { kind: 'all' } });
    expect(range.notes).toContain('fetched the whole history (--unshallow)');
  });
});

describe('scan ranges of push events', () => {
  it('scans nothing for a deleted branch', async () => {
    expect(await resolveScanRange(origin.dir, { kind: 'push', before: head, after: '0'.repeat(40), branch: 'feature' }, { fetch: { allowed: false } })).toEqual({
      event: 'push',
      commitCount: 0,
      description: 'push to feature: the branch was deleted, nothing to scan',
      complete: true,
      notes: [],
    });
  });

  it('fetches the default branch of a single-branch checkout to find what a new branch brought', async () => {
    const single = origin.clone('--branch=feature', '--single-branch');
    const range = await resolveScanRange(single.dir, { kind: 'push', before: '0'.repeat(40), after: head, branch: 'feature' }, { defaultBranch: 'main', fetch: { allowed: true } });
    expect(range).toMatchObject({ complete: true, commitCount: 12 });
    expect(range.notes).toContain('fetched branch main');
  });

  it('without the default branch and no leave to fetch it, scans all of the branch and says why', async () => {
    const single = origin.clone('--branch=feature', '--single-branch');
    const range = await resolveScanRange(single.dir, { kind: 'push', before: '0'.repeat(40), after: head, branch: 'feature' }, { defaultBranch: 'main', fetch: { allowed: false } });
    expect(range.commitCount).toBe(43);
    expect(range.notes).toContain('the default branch main is not in the checkout: commits are compared with the other branches only');
  });

  it('treats a previous tip that is gone from the checkout as a force push', async () => {
    const range = await resolveScanRange(origin.dir, { kind: 'push', before: 'f'.repeat(40), after: head, branch: 'feature' }, { defaultBranch: 'main', fetch: { allowed: false } });
    expect(range.description).toMatch(/^force push to feature: 12 commits/);
    expect(range.notes[0]).toMatch(/previous tip fffffff is not in the checkout/);
  });

  it('refuses commit ids that are not full hex ids', async () => {
    await expect(resolveScanRange(origin.dir, { kind: 'pull_request', baseSha: 'main', headSha: head }, { fetch: { allowed: false } })).rejects.toThrow(ConfigurationError);
    await expect(resolveScanRange(origin.dir, { kind: 'push', before: '--all', after: head, branch: 'x' }, { fetch: { allowed: false } })).rejects.toThrow(/not a full commit id/);
  });
});

describe('the trusted configuration of a pull request', () => {
  it("is read from the base commit, extend chain and word list included, never from the PR's changes", async () => {
    const repo = TestRepo.create();
    const trustedBase = repo.commit('config', {
      '.gitleaks.toml': '[extend]\npath = "security/base.toml"\n',
      'security/base.toml': '[extend]\nuseDefault = true\n',
      '.secrets.baseline': JSON.stringify({ version: '1.5.0', plugins_used: [], filters_used: [{ path: 'detect_secrets.filters.wordlist.should_exclude_secret', file_name: 'security/words.txt' }], results: {} }),
      'security/words.txt': 'example\n',
    });
    repo.commit('the PR weakens the config', { '.gitleaks.toml': "[allowlist]\nregexes = ['''.*''']\n", '.secretlintignore': '*\n' });
    const dest = mkdtempSync(join(tmpdir(), 'gh-trusted-'));
    const present = await materialiseTrustedSecretsConfig(repo.dir, trustedBase, dest);
    expect(present).toEqual(['.gitleaks.toml', '.secrets.baseline']);
    expect(readFileSync(join(dest, '.gitleaks.toml'), 'utf8')).toContain('security/base.toml');
    expect(readFileSync(join(dest, 'security/base.toml'), 'utf8')).toContain('useDefault');
    expect(readFileSync(join(dest, 'security/words.txt'), 'utf8')).toBe('example\n');
  });
});
