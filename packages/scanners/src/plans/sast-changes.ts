import { ConfigurationError, errorMessage } from '@gatehouse/findings';
import { interpretExit, runCommand } from '@gatehouse/toolchain';

/**
 * The git facts the sast plan needs, gathered by running git (argv only, through the toolchain's
 * runner): the files of the workspace, and a pull request's changed files. Paths come back
 * repository-relative with forward slashes, exactly as git prints them with `-z`.
 */

const COMMIT = /^[0-9a-f]{7,64}$/i;
const GIT_EXIT = { clean: [0], findings: [] };

async function git(workspace: string, args: readonly string[]): Promise<string[]> {
  const result = await runCommand({ executable: 'git', args: ['-c', 'core.quotePath=false', ...args], cwd: workspace }, { timeoutMs: 120_000, outputCapBytes: 64 * 1024 * 1024 });
  interpretExit(result, GIT_EXIT);
  return result.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
}

/** Tracked files of the workspace (`git ls-files`): what a scan of the repository covers. */
export function trackedFiles(workspace: string): Promise<string[]> {
  return git(workspace, ['ls-files', '-z', '--cached']);
}

/**
 * Files a pull request adds, modifies or renames (not deletes) relative to the merge base of base
 * and head (`git diff base...head`), which is what the pull request changes whatever has landed
 * on the base branch since. Both commits must be present: check out with enough history.
 */
export async function changedFiles(workspace: string, base: string, head: string): Promise<string[]> {
  for (const [name, sha] of [
    ['base', base],
    ['head', head],
  ] as const) {
    if (!COMMIT.test(sha)) throw new ConfigurationError(`the pull request ${name} must be a commit sha (7 to 64 hex digits), got "${sha.slice(0, 80)}"`);
  }
  return git(workspace, ['diff', '--name-only', '--diff-filter=ACMR', '-z', `${base}...${head}`]);
}

export interface SastGitFacts {
  files: string[];
  /** Undefined when they could not be computed (a shallow clone without the base commit): `problem` says why. */
  changedFiles?: string[];
  problem?: string;
}

/** Everything the plan needs; on a pull request also the changed files, or why they are unknown. */
export async function gatherSastGitFacts(workspace: string, pullRequest?: { base: string; head: string }): Promise<SastGitFacts> {
  const files = await trackedFiles(workspace);
  if (!pullRequest) return { files };
  try {
    return { files, changedFiles: await changedFiles(workspace, pullRequest.base, pullRequest.head) };
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    return { files, problem: `the changed files could not be listed (${errorMessage(error)}); fetch the base commit (actions/checkout with fetch-depth: 0)` };
  }
}
