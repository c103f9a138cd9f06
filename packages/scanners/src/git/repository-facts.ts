import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { revisionArgs, type RevisionRange } from './revision-args';
import { runGit } from './run-git';

/** Small questions about the checkout, each one git command. Commit ids in, commit ids out. */

const ZERO_SHA = /^0+$/;
const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** GitHub's "no commit" (a new branch's `before`, a deleted branch's `after`). */
export const isZeroSha = (sha: string): boolean => ZERO_SHA.test(sha);
export const isFullSha = (sha: string): boolean => FULL_SHA.test(sha);

/** The commit id if the checkout has that commit, else undefined. */
export async function commitIfPresent(cwd: string, sha: string): Promise<string | undefined> {
  const r = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { okExitCodes: [1, 128] });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** Whether `ancestor` is reachable from `descendant` (a fast-forward). */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const r = await runGit(cwd, ['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [1] });
  return r.exitCode === 0;
}

export async function countCommits(cwd: string, range: RevisionRange): Promise<number> {
  const r = await runGit(cwd, ['rev-list', '--count', ...revisionArgs(range), '--']);
  const n = Number(r.stdout.trim());
  if (!Number.isInteger(n) || n < 0) throw new Error(`git rev-list --count printed ${JSON.stringify(r.stdout.slice(0, 50))}`);
  return n;
}

export async function isShallow(cwd: string): Promise<boolean> {
  const r = await runGit(cwd, ['rev-parse', '--is-shallow-repository']);
  return r.stdout.trim() === 'true';
}

/** The commits whose parents a shallow clone does not have (`.git/shallow`). */
export async function shallowBoundary(cwd: string): Promise<Set<string>> {
  const r = await runGit(cwd, ['rev-parse', '--git-path', 'shallow']);
  const file = r.stdout.trim();
  try {
    const text = await readFile(isAbsolute(file) ? file : join(cwd, file), 'utf8');
    return new Set(text.split('\n').map((l) => l.trim()).filter(Boolean));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}

/**
 * Whether walking the range stops at the shallow boundary rather than at its excluded commits:
 * then commits of the range are missing from the checkout and a scan of it would be short.
 */
export async function rangeIsCutByShallowBoundary(cwd: string, range: RevisionRange): Promise<boolean> {
  const boundary = await shallowBoundary(cwd);
  if (boundary.size === 0) return false;
  const r = await runGit(cwd, ['rev-list', ...revisionArgs(range), '--']);
  return r.stdout.split('\n').some((sha) => boundary.has(sha.trim()));
}

export interface BranchTip {
  ref: string;
  sha: string;
}

/** Every local and remote-tracking branch with the commit it points at. */
export async function branchTips(cwd: string): Promise<BranchTip[]> {
  const r = await runGit(cwd, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes']);
  return r.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { sha: line.slice(0, space), ref: line.slice(space + 1) };
    })
    .filter((tip) => isFullSha(tip.sha) && !tip.ref.endsWith('/HEAD'));
}

/** The git directory (`.git`, or a worktree's own directory), absolute. */
export async function gitDirectory(cwd: string): Promise<string> {
  return (await runGit(cwd, ['rev-parse', '--absolute-git-dir'])).stdout.trim();
}

/** A file as a commit has it (`git show <commit>:<path>`), or undefined when it does not exist there. */
export async function fileAtCommit(cwd: string, sha: string, path: string, maxBytes = 10 * 1024 * 1024): Promise<string | undefined> {
  if (!isFullSha(sha) && !/^[0-9a-f]{7,64}$/.test(sha)) throw new Error(`not a commit id: ${sha.slice(0, 80)}`);
  if (path.startsWith('/') || path.split('/').includes('..') || path.startsWith('-')) throw new Error(`not a repository path: ${path.slice(0, 200)}`);
  const exists = await runGit(cwd, ['cat-file', '-e', `${sha}:${path}`], { okExitCodes: [1, 128] });
  if (exists.exitCode !== 0) return undefined;
  return (await runGit(cwd, ['cat-file', 'blob', `${sha}:${path}`], { outputCapBytes: maxBytes })).stdout;
}
