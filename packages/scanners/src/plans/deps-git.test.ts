import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings } from '@gatehouse/findings';
import { readFileAtRevision } from '../manifests/git-revision';
import { readManifests } from '../manifests/read-manifests';
import { osvOfflineAdapter } from '../osv-offline';
import { gatherDepsGitFacts } from './deps-git-facts';
import { markFindingsIntroducedByPullRequest } from './deps-new-findings';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OSV_DB = here('../../../../examples/vulnerable-app/osv-db');
const LOCK = readFileSync(here('../osv-offline/__fixtures__/vulnerable-app/web/package-lock.json'), 'utf8');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

function write(repo: string, path: string, text: string) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/**
 * A real repository: main pins lodash 4.17.21 (fixed) and PyYAML 5.3.1 (vulnerable); main moves on
 * after the PR branched; the PR downgrades lodash to 4.17.15 and adds a new npm app.
 */
function repository() {
  const repo = mkdtempSync(join(tmpdir(), 'gh-deps-git-'));
  git(repo, 'init', '-q', '-b', 'main');
  write(repo, 'web/package-lock.json', LOCK.replace(/"version": "4\.17\.15"/, '"version": "4.17.21"').replace('lodash-4.17.15.tgz', 'lodash-4.17.21.tgz'));
  write(repo, 'api/requirements.txt', '-r base.txt\nFlask==1.1.4\n');
  write(repo, 'api/base.txt', 'PyYAML==5.3.1\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const forkPoint = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-qb', 'pr');
  write(repo, 'web/package-lock.json', LOCK);
  write(repo, 'admin/package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { axios: '0.21.0' } }, 'node_modules/axios': { version: '0.21.0' } } }));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'downgrade lodash, add admin');
  const head = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', 'main');
  write(repo, 'README.md', 'main moved on\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'docs');
  const baseTip = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', 'pr');
  return { repo, forkPoint, head, baseTip };
}

describe('pull request facts from a real git repository', () => {
  it('finds the merge base and the files the PR changed', async () => {
    const { repo, forkPoint, head, baseTip } = repository();
    expect(await gatherDepsGitFacts(repo, { kind: 'pull_request', baseSha: baseTip, headSha: head })).toEqual({
      mergeBase: forkPoint,
      changedFiles: ['admin/package-lock.json', 'web/package-lock.json'],
    });
    expect(await gatherDepsGitFacts(repo, { kind: 'push', before: '0'.repeat(40), after: head })).toEqual({ changedFiles: [] });
  });

  it('reads a manifest at a commit, says when it did not exist there, and refuses bad input', async () => {
    const { repo, forkPoint } = repository();
    expect(await readFileAtRevision(repo, forkPoint, 'api/base.txt')).toBe('PyYAML==5.3.1\n');
    expect(await readFileAtRevision(repo, forkPoint, 'admin/package-lock.json')).toBeUndefined();
    await expect(readFileAtRevision(repo, 'HEAD~1', 'api/base.txt')).rejects.toThrow(/not a commit id/);
    await expect(readFileAtRevision(repo, forkPoint, '--output=/tmp/x')).rejects.toThrow(/not a repository path/);
    await expect(readFileAtRevision(repo, 'f'.repeat(40), 'api/base.txt')).rejects.toThrow(/commit f{40} is not in this clone/);
  });

  it('marks new only the findings of package versions the PR brought in', async () => {
    const { repo, head, baseTip } = repository();
    const facts = await gatherDepsGitFacts(repo, { kind: 'pull_request', baseSha: baseTip, headSha: head });
    const manifests = ['admin/package-lock.json', 'api/requirements.txt', 'web/package-lock.json'];
    const report = await osvOfflineAdapter.runInProcess!({ executable: '', workspace: repo, targets: manifests, reportPath: '', mode: 'full', cacheDir: OSV_DB }, new AbortController().signal);
    const { findings } = finalizeFindings(osvOfflineAdapter.parse(report, { file: 'osv-offline.json', workspace: repo, salt: 's' }).findings);
    const { results } = await readManifests(repo, manifests.map((path) => ({ path })));
    const marked = await markFindingsIntroducedByPullRequest({ workspace: repo, mergeBase: facts.mergeBase!, manifests, headPackages: results.flatMap((r) => r.packages), findings });
    const verdicts = marked.findings.map((f) => `${f.location.kind === 'package' ? `${f.location.manifest} ${f.location.name}@${f.location.version}` : ''} ${f.ruleId} new=${f.isNew}`).sort();
    expect(verdicts).toEqual([
      'admin/package-lock.json axios@0.21.0 CVE-2020-28168 new=true',
      'api/base.txt PyYAML@5.3.1 CVE-2020-14343 new=false',
      'web/package-lock.json axios@0.21.0 CVE-2020-28168 new=false',
      'web/package-lock.json follow-redirects@1.13.0 CVE-2022-0155 new=false',
      'web/package-lock.json lodash@4.17.15 CVE-2020-8203 new=true',
      'web/package-lock.json lodash@4.17.15 CVE-2021-23337 new=true',
      'web/package-lock.json minimist@1.2.0 CVE-2020-7598 new=false',
    ]);
    expect(marked.notes).toEqual(['new in this pull request: admin/package-lock.json (every package in it is new)', 'the pull request adds 2 package versions and removes 1']);
  });

  it('counts every finding of a manifest it cannot read at the base as new (fail closed)', async () => {
    const { repo } = repository();
    git(repo, 'checkout', '-q', 'main');
    writeFileSync(join(repo, 'api/base.txt'), Buffer.from('PyYAML==5.3.1\n', 'utf16le'));
    git(repo, 'commit', '-qam', 'utf-16 base.txt');
    const broken = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', 'pr');
    const marked = await markFindingsIntroducedByPullRequest({
      workspace: repo,
      mergeBase: broken,
      manifests: ['api/base.txt'],
      headPackages: [{ ecosystem: 'PyPI', name: 'PyYAML', version: '5.3.1', purl: 'pkg:pypi/pyyaml@5.3.1', manifest: 'api/base.txt' }],
      findings: [],
    });
    expect(marked.change.added.map((p) => p.name)).toEqual(['PyYAML']);
    expect(marked.notes[0]).toMatch(/^api\/base\.txt could not be read at the merge base .*UTF-16.*; its findings all count as new$/);
  });
});
