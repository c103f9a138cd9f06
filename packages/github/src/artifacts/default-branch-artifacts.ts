import { z } from 'zod';
import { branchTip, defaultBranchName, isCommitInHistory } from '../branches/default-branch';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { NotFound } from '../client/github-api-error';
import { listRepositoryArtifacts, type RepositoryArtifact } from './repository-artifacts';

/** Events whose runs are the default branch's own: no pull request can start them. */
export const DEFAULT_BRANCH_EVENTS: readonly string[] = ['push', 'schedule', 'workflow_dispatch'];

export interface DefaultBranchArtifacts {
  branch: string;
  /** The branch's commit when it was checked. */
  tip: string;
  /** Trusted artifacts, newest first. */
  artifacts: RepositoryArtifact[];
  /** Candidates that were named right and listed under the branch but are not taken, and why. */
  rejected: { artifact: RepositoryArtifact; reason: string }[];
}

export interface DefaultBranchArtifactsOptions {
  /** The default branch, when the event payload says it (else asked of GitHub). */
  defaultBranch?: string;
  /** How many trusted artifacts to return at most (newest first; default 3). */
  limit?: number;
  /** Pages of 100 artifacts to look through (default 5). */
  maxPages?: number;
}

const WorkflowRun = z.object({
  event: z.string(),
  head_branch: z.string().nullable(),
  head_sha: z.string(),
  head_repository: z.object({ id: z.number() }).nullable().optional(),
  repository: z.object({ id: z.number() }),
});

/**
 * Artifacts named `name` that runs of the default branch uploaded, newest first. `head_branch`
 * alone does not prove that: a tag named like the branch gives its runs the same head_branch, a
 * pull request whose head is the default branch runs workflow files of its merge commit, and a
 * fork can name a branch anything. So each candidate must also come from a run of this repository
 * started by push, schedule or workflow_dispatch (GET /actions/runs/{run_id}), whose head commit is
 * in the history of the branch's current commit, read as refs/heads/<branch> (git refs API) and
 * compared by SHA (compare API). Needs actions: read and contents: read.
 */
export async function listDefaultBranchArtifacts(client: GitHubClient, name: string, options: DefaultBranchArtifactsOptions = {}): Promise<DefaultBranchArtifacts> {
  const limit = options.limit ?? 3;
  const branch = await defaultBranchName(client, options.defaultBranch);
  // A few more than wanted: some candidates may be refused.
  const candidates = await listRepositoryArtifacts(client, name, { branch, limit: limit + 5, ...(options.maxPages ? { maxPages: options.maxPages } : {}) });
  const result: DefaultBranchArtifacts = { branch, tip: '', artifacts: [], rejected: [] };
  if (candidates.length === 0) return result;
  result.tip = await branchTip(client, branch);
  const inHistory = new Map<string, boolean>();
  for (const artifact of candidates) {
    if (result.artifacts.length >= limit) break;
    const reason = await refusal(client, artifact, branch, result.tip, inHistory);
    if (reason) result.rejected.push({ artifact, reason });
    else result.artifacts.push(artifact);
  }
  return result;
}

async function refusal(client: GitHubClient, artifact: RepositoryArtifact, branch: string, tip: string, inHistory: Map<string, boolean>): Promise<string | undefined> {
  const run = artifact.workflowRun;
  let data: unknown;
  try {
    ({ data } = await callGitHub('GET /repos/{owner}/{repo}/actions/runs/{run_id}', () => client.octokit.rest.actions.getWorkflowRun({ ...client.repository, run_id: run.id })));
  } catch (error) {
    if (error instanceof NotFound) return `its workflow run ${run.id} no longer exists`;
    throw error;
  }
  const parsed = WorkflowRun.safeParse(data);
  if (!parsed.success) return `its workflow run ${run.id} could not be read`;
  const facts = parsed.data;
  if (!DEFAULT_BRANCH_EVENTS.includes(facts.event)) return `its run was started by ${facts.event.slice(0, 60)}, not by ${DEFAULT_BRANCH_EVENTS.join(', ')}`;
  if (facts.head_branch !== branch || facts.head_sha !== run.headSha) return 'its run is not the one the artifact list names';
  if (facts.head_repository && facts.head_repository.id !== facts.repository.id) return 'its run comes from another repository';
  let known = inHistory.get(run.headSha);
  if (known === undefined) {
    known = await isCommitInHistory(client, run.headSha, tip);
    inHistory.set(run.headSha, known);
  }
  return known ? undefined : `its run's commit ${run.headSha.slice(0, 7)} is not in the history of ${branch} (a tag named ${branch}, or a rewritten branch)`;
}
