import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../adapter';
import { TestRepo } from '../git/test-support/git-repo';
import { secretlintAdapter } from './index';

const options = (workspace: string, extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/gatehouse/secretlint-runner.js',
  workspace,
  targets: [],
  reportPath: '/tmp/run/secretlint.json',
  mode: 'history',
  workDir: mkdtempSync(join(tmpdir(), 'gh-sl-hist-')),
  ...extra,
});

describe('secretlint in history modes', () => {
  it("writes the range's added lines in prepare and gives them to the runner with --added-lines", async () => {
    const repo = TestRepo.create();
    const first = repo.commit('one', { 'a.txt': 'a\n' });
    const second = repo.commit('two', { 'a.txt': 'a\nb\n' });
    const prepared = await secretlintAdapter.prepare!(options(repo.dir, { gitRange: `${first}..${second}` }));
    expect(prepared.targetsFile).toBe(join(prepared.workDir!, 'secretlint-added-lines.jsonl'));
    expect(readFileSync(prepared.targetsFile!, 'utf8')).toContain('"lines":[[2,"b"]]');
    expect(secretlintAdapter.command!(prepared).args.slice(-2)).toEqual(['--added-lines', prepared.targetsFile]);
  });

  it('scans the staged changes in staged mode', async () => {
    const repo = TestRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    repo.write('a.txt', 'a\nstaged\n');
    repo.git('add', 'a.txt');
    const prepared = await secretlintAdapter.prepare!(options(repo.dir, { mode: 'staged' }));
    expect(readFileSync(prepared.targetsFile!, 'utf8')).toBe('{"type":"file","path":"a.txt","lines":[[2,"staged"]]}\n');
  });

  it('needs prepare before command in history modes', () => {
    expect(() => secretlintAdapter.command!(options('/ws'))).toThrow(/prepare must run before command in history mode/);
  });

  it(".secretlintignore comes from the trusted copy on a pull request, or none at all, never from the PR", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-sl-ws-'));
    writeFileSync(join(ws, '.secretlintignore'), '*\n');
    const trusted = mkdtempSync(join(tmpdir(), 'gh-sl-trusted-'));
    const none = await secretlintAdapter.prepare!(options(ws, { mode: 'full', trustedConfigDir: trusted }));
    expect(readFileSync(none.configPath!, 'utf8')).toBe('');
    expect(secretlintAdapter.command!(none).args).toContain('--ignore-file');
    writeFileSync(join(trusted, '.secretlintignore'), 'docs/\n');
    const withIgnore = await secretlintAdapter.prepare!(options(ws, { mode: 'full', trustedConfigDir: trusted }));
    expect(withIgnore.configPath).toBe(join(trusted, '.secretlintignore'));
  });
});
