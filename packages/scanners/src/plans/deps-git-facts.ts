import { CommandError, runCommand } from '@gatehouse/toolchain';
import { assertCommit } from '../manifests/git-revision';

/** What the deps plan and PR marking need from git. */
export interface DepsGitFacts {
  /** Where the pull request branched off its base (what "new" is measured against). */
  mergeBase?: string;
  /** Files the change touched (repository-relative), for the summary's "lockfiles changed". */
  changedFiles: string[];
}

async function git(workspace: string, args: string[]): Promise<string> {
  const result = await runCommand({ executable: 'git', args, cwd: workspace }, { timeoutMs: 60_000, outputCapBytes: 64 * 1024 * 1024, stderrCapBytes: 16 * 1024 });
  if (result.exitCode !== 0) throw new CommandError('exit-code', result.command, result.exitCode, result.stderr.trim().split('\n').at(-1) ?? '', result.signal);
  return result.stdout.toString('utf8');
}

/** `git merge-base <base> <head>`: both commits must be in the clone (fetch-depth 0, or the base fetched). */
export async function mergeBaseOf(workspace: string, base: string, head: string): Promise<string> {
  assertCommit(base);
  assertCommit(head);
  return (await git(workspace, ['merge-base', base, head])).trim();
}

/** Files changed between two commits (`git diff --name-only -z`), renames as their new path. */
export async function changedFilesBetween(workspace: string, from: string, to: string): Promise<string[]> {
  assertCommit(from);
  assertCommit(to);
  const out = await git(workspace, ['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--no-renames', from, to, '--']);
  return out.split('\u0000').filter(Boolean).sort();
}

const ZERO = /^0+$/;

/**
 * The git facts of an event: for a pull request the merge base and the files it changed; for a push
 * the files between `before` and `after` (none when `before` is the all-zero id of a new branch).
 * Runs git through the toolchain's runner (argv only, timeout, output cap); failures throw.
 */
export async function gatherDepsGitFacts(
  workspace: string,
  event: { kind: 'pull_request'; baseSha: string; headSha: string } | { kind: 'push'; before?: string; after: string } | { kind: 'other' },
): Promise<DepsGitFacts> {
  if (event.kind === 'pull_request') {
    const mergeBase = await mergeBaseOf(workspace, event.baseSha, event.headSha);
    return { mergeBase, changedFiles: await changedFilesBetween(workspace, mergeBase, event.headSha) };
  }
  if (event.kind === 'push' && event.before && !ZERO.test(event.before)) {
    return { changedFiles: await changedFilesBetween(workspace, event.before, event.after) };
  }
  return { changedFiles: [] };
}
