import { DEFAULT_REPOSITORY, WEB_URL, fakeSha, organizationPayload, repositoryPayload, userPayload, type RepositorySpec } from './webhook-objects';

export interface PushEventOptions {
  /** refs/heads/<branch> or refs/tags/<tag>. */
  ref?: string;
  before?: string;
  after?: string;
  repository?: RepositorySpec;
  pusher?: { name: string; email?: string };
  /** Files changed by the pushed commit. */
  added?: string[];
  modified?: string[];
  removed?: string[];
  message?: string;
}

/** A push webhook payload (one commit) as GitHub writes it to GITHUB_EVENT_PATH. */
export function pushEvent(options: PushEventOptions = {}): Record<string, unknown> {
  const repository = options.repository ?? DEFAULT_REPOSITORY;
  const ref = options.ref ?? `refs/heads/${repository.defaultBranch ?? 'main'}`;
  const before = options.before ?? fakeSha(`before:${ref}`);
  const after = options.after ?? fakeSha(`after:${ref}`);
  const pusher = options.pusher ?? { name: 'octocat', email: 'octocat@users.noreply.github.com' };
  const person = { name: pusher.name, email: pusher.email ?? `${pusher.name}@users.noreply.github.com`, username: pusher.name };
  const fullName = `${repository.owner}/${repository.name}`;
  const commit = {
    id: after,
    tree_id: fakeSha(`tree:${after}`),
    distinct: true,
    message: options.message ?? 'Update dependencies',
    timestamp: '2025-01-15T10:00:00Z',
    url: `${WEB_URL}/${fullName}/commit/${after}`,
    author: person,
    committer: person,
    added: options.added ?? [],
    removed: options.removed ?? [],
    modified: options.modified ?? ['package-lock.json'],
  };
  return {
    ref,
    before,
    after,
    repository: { ...repositoryPayload(repository), pushed_at: 1736935200, created_at: 1700000000, master_branch: repository.defaultBranch ?? 'main', stargazers: 0 },
    pusher: { name: pusher.name, email: person.email },
    ...(repository.ownerType === 'Organization' ? { organization: organizationPayload(repository.owner) } : {}),
    sender: userPayload({ login: pusher.name }),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${WEB_URL}/${fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  };
}
