import { ConfigurationError } from '@gatehouse/findings';
import { z } from 'zod';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { NotFound, UnexpectedResponse } from '../client/github-api-error';

const COMMIT_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const BRANCH_NAME = /^(?!\/)(?!.*\/\/)(?!.*\.\.)(?!.*\/$)[^\0-\x20\x7f~^:?*[\\]{1,255}$/;

/** The repository's default branch: `known` (from the event payload) when given, else asked of GET /repos/{owner}/{repo}. */
export async function defaultBranchName(client: GitHubClient, known?: string): Promise<string> {
  if (known) return checkBranchName(known);
  const { data } = await callGitHub('GET /repos/{owner}/{repo}', () => client.octokit.rest.repos.get({ ...client.repository }));
  return checkBranchName(String(data.default_branch ?? ''));
}

function checkBranchName(branch: string): string {
  if (!BRANCH_NAME.test(branch)) throw new ConfigurationError(`${JSON.stringify(branch).slice(0, 100)} is not a branch name`);
  return branch;
}

const GitRef = z.object({ ref: z.string(), object: z.object({ type: z.string(), sha: z.string().regex(COMMIT_SHA) }) });

/**
 * The commit a branch points at, read through the git refs API as `refs/heads/<branch>`. Unlike a
 * bare name given to the contents or compare API, this cannot be a tag that happens to share the
 * branch's name (git resolves `main` to `refs/tags/main` before `refs/heads/main`).
 */
export async function branchTip(client: GitHubClient, branch: string): Promise<string> {
  checkBranchName(branch);
  const operation = 'GET /repos/{owner}/{repo}/git/ref/{ref}';
  const { data } = await callGitHub(operation, () => client.octokit.rest.git.getRef({ ...client.repository, ref: `heads/${branch}` }));
  const parsed = GitRef.safeParse(data);
  if (!parsed.success || parsed.data.ref !== `refs/heads/${branch}` || parsed.data.object.type !== 'commit') {
    throw new UnexpectedResponse({ operation, status: 200, githubMessage: `refs/heads/${branch.slice(0, 100)} does not point at a commit` });
  }
  return parsed.data.object.sha;
}

/**
 * Whether `commit` is in the history of `tip` (equal to it, or an ancestor), through
 * GET /repos/{owner}/{repo}/compare/{commit}...{tip}: "ahead" (the tip is ahead of the commit) or
 * "identical" means it is; "behind" or "diverged" means it is not. Both sides are SHAs, so no ref
 * name can be ambiguous. A commit GitHub does not know (404) is not in the history.
 */
export async function isCommitInHistory(client: GitHubClient, commit: string, tip: string): Promise<boolean> {
  if (!COMMIT_SHA.test(commit) || !COMMIT_SHA.test(tip)) throw new ConfigurationError('commits are compared by their full SHA');
  if (commit === tip) return true;
  const operation = 'GET /repos/{owner}/{repo}/compare/{basehead}';
  try {
    // per_page 1: only the status is needed, not the commits or the files of the comparison.
    const { data } = await callGitHub(operation, () => client.octokit.rest.repos.compareCommitsWithBasehead({ ...client.repository, basehead: `${commit}...${tip}`, per_page: 1 }));
    return data.status === 'ahead' || data.status === 'identical';
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}
