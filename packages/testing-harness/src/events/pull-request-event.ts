import {
  DEFAULT_REPOSITORY,
  WEB_URL,
  API_URL,
  fakeSha,
  organizationPayload,
  repositoryPayload,
  userPayload,
  type RepositorySpec,
  type AccountSpec,
} from './webhook-objects';

export interface PullRequestEventOptions {
  action?: 'opened' | 'synchronize' | 'reopened' | 'edited' | 'ready_for_review';
  number?: number;
  title?: string;
  body?: string | null;
  /** The repository the workflow runs in (the base). */
  repository?: RepositorySpec;
  base?: { ref?: string; sha?: string };
  /**
   * The head branch. With `fork`, it lives in the contributor's fork (head.repo.fork = true): the
   * run gets a read-only token and no secrets.
   */
  head?: { ref?: string; sha?: string; fork?: { owner: string; name?: string } };
  /** Who opened (or pushed to) the pull request; the fork's owner by default for fork PRs. */
  sender?: AccountSpec;
  draft?: boolean;
}

/** A pull_request webhook payload as GitHub writes it to GITHUB_EVENT_PATH. */
export function pullRequestEvent(options: PullRequestEventOptions = {}): Record<string, unknown> {
  const action = options.action ?? 'opened';
  const number = options.number ?? 42;
  const baseRepo = options.repository ?? DEFAULT_REPOSITORY;
  const fork = options.head?.fork;
  const headRepoSpec: RepositorySpec = fork ? { owner: fork.owner, name: fork.name ?? baseRepo.name, fork: true, ownerType: 'User' } : baseRepo;
  const sender = options.sender ?? { login: fork?.owner ?? 'octocat' };
  const baseRef = options.base?.ref ?? baseRepo.defaultBranch ?? 'main';
  const headRef = options.head?.ref ?? 'feature/change';
  const baseSha = options.base?.sha ?? fakeSha(`base:${baseRef}`);
  const headSha = options.head?.sha ?? fakeSha(`head:${headRef}:${number}`);
  const api = `${API_URL}/repos/${baseRepo.owner}/${baseRepo.name}`;
  const html = `${WEB_URL}/${baseRepo.owner}/${baseRepo.name}/pull/${number}`;
  const link = (href: string) => ({ href });

  const pullRequest = {
    url: `${api}/pulls/${number}`,
    id: 1_000_000 + number,
    node_id: `PR_${Buffer.from(`pr:${number}`).toString('base64url')}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${number}`,
    number,
    state: 'open',
    locked: false,
    title: options.title ?? 'Change something',
    user: userPayload(sender),
    body: options.body === undefined ? 'Please review.' : options.body,
    created_at: '2025-01-15T10:00:00Z',
    updated_at: '2025-01-15T10:05:00Z',
    closed_at: null,
    merged_at: null,
    merge_commit_sha: fakeSha(`merge:${number}:${headSha}`),
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    draft: options.draft ?? false,
    commits_url: `${api}/pulls/${number}/commits`,
    review_comments_url: `${api}/pulls/${number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    head: {
      label: `${headRepoSpec.owner}:${headRef}`,
      ref: headRef,
      sha: headSha,
      user: userPayload({ login: headRepoSpec.owner, type: headRepoSpec.ownerType ?? 'User' }),
      repo: repositoryPayload(headRepoSpec),
    },
    base: {
      label: `${baseRepo.owner}:${baseRef}`,
      ref: baseRef,
      sha: baseSha,
      user: userPayload({ login: baseRepo.owner, type: baseRepo.ownerType ?? 'User' }),
      repo: repositoryPayload(baseRepo),
    },
    _links: {
      self: link(`${api}/pulls/${number}`),
      html: link(html),
      issue: link(`${api}/issues/${number}`),
      comments: link(`${api}/issues/${number}/comments`),
      review_comments: link(`${api}/pulls/${number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${number}/commits`),
      statuses: link(`${api}/statuses/${headSha}`),
    },
    author_association: fork ? 'CONTRIBUTOR' : 'MEMBER',
    auto_merge: null,
    active_lock_reason: null,
    merged: false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: Boolean(fork),
    commits: 1,
    additions: 10,
    deletions: 2,
    changed_files: 1,
  };

  return {
    action,
    number,
    ...(action === 'synchronize' ? { before: fakeSha(`before:${headSha}`), after: headSha } : {}),
    pull_request: pullRequest,
    repository: repositoryPayload(baseRepo),
    ...(baseRepo.ownerType === 'Organization' ? { organization: organizationPayload(baseRepo.owner) } : {}),
    sender: userPayload(sender),
  };
}
