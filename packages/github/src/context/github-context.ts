import type { RepositoryRef } from '../client/repository-ref';

export interface PullRequestSide {
  /** Branch name ("main", "feature/x"). */
  ref: string;
  sha: string;
  /** "owner/repo" of the repository holding the branch; null when a fork was deleted. */
  repository: string | null;
}

export interface PullRequestEvent {
  kind: 'pull_request';
  /** pull_request runs the PR's merge commit with a read-only token for forks; pull_request_target runs the base branch with a write token. */
  name: 'pull_request' | 'pull_request_target';
  action: string | undefined;
  number: number;
  draft: boolean;
  author: string | undefined;
  base: PullRequestSide & { repository: string };
  head: PullRequestSide;
  /** The head lives in another repository (or a deleted one): the run gets a read-only token and no secrets. */
  isFork: boolean;
}

export interface PushEvent {
  kind: 'push';
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  forced: boolean;
  baseRef: string | null;
  pusher: string | undefined;
}

export interface WorkflowDispatchEvent {
  kind: 'workflow_dispatch';
  ref: string | undefined;
  /** Inputs as the payload gives them, as text. A Map: input names are user-chosen keys. */
  inputs: ReadonlyMap<string, string>;
  workflow: string | undefined;
}

export interface MergeGroupEvent {
  kind: 'merge_group';
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
}

export interface OtherEvent {
  kind: 'other';
  name: string;
}

export type GitHubEvent = PullRequestEvent | PushEvent | WorkflowDispatchEvent | MergeGroupEvent | OtherEvent;

export interface GitHubContext {
  /** GITHUB_EVENT_NAME */
  eventName: string;
  event: GitHubEvent;
  repository: RepositoryRef & { fullName: string; id: number | undefined; defaultBranch: string | undefined };
  /** GITHUB_SHA: the commit the run checked out (the merge commit on pull_request). */
  sha: string;
  /** GITHUB_REF: refs/pull/N/merge on pull_request, refs/heads/x on push. */
  ref: string;
  actor: string;
  runId: number;
  runAttempt: number;
  job: string;
  workflow: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string | undefined;
}
