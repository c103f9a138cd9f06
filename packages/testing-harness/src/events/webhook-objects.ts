import { createHash } from 'node:crypto';

/**
 * Pieces shared by the event payload builders, shaped as GitHub's webhook payloads (validated in the
 * tests against @octokit/openapi-webhooks). URLs point at github.com, as on a real runner: actions
 * must use GITHUB_API_URL, never URLs from the payload.
 */

export const WEB_URL = 'https://github.com';
export const API_URL = 'https://api.github.com';

/** A 40-hex SHA derived from a label, so payloads are deterministic. */
export function fakeSha(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

function stableId(label: string): number {
  return 10_000 + (parseInt(createHash('sha256').update(label).digest('hex').slice(0, 8), 16) % 90_000_000);
}

const TIMESTAMP = '2025-01-15T10:00:00Z';

export interface AccountSpec {
  login: string;
  id?: number;
  type?: 'User' | 'Organization' | 'Bot';
}

export function userPayload(user: AccountSpec): Record<string, unknown> {
  const id = user.id ?? stableId(`user:${user.login}`);
  const api = `${API_URL}/users/${user.login}`;
  return {
    login: user.login,
    id,
    node_id: `U_${Buffer.from(`user:${id}`).toString('base64url')}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${WEB_URL}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type ?? 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export interface RepositorySpec {
  owner: string;
  name: string;
  id?: number;
  ownerType?: 'User' | 'Organization';
  private?: boolean;
  /** A fork of another repository (the head repository of a fork pull request). */
  fork?: boolean;
  defaultBranch?: string;
}

export const DEFAULT_REPOSITORY: RepositorySpec = { owner: 'octo-org', name: 'octo-repo', ownerType: 'Organization' };

export function repositoryId(spec: RepositorySpec): number {
  return spec.id ?? stableId(`repo:${spec.owner}/${spec.name}`);
}

export function repositoryPayload(spec: RepositorySpec): Record<string, unknown> {
  const fullName = `${spec.owner}/${spec.name}`;
  const api = `${API_URL}/repos/${fullName}`;
  const html = `${WEB_URL}/${fullName}`;
  const isPrivate = spec.private ?? false;
  return {
    id: repositoryId(spec),
    node_id: `R_${Buffer.from(`repo:${fullName}`).toString('base64url')}`,
    name: spec.name,
    full_name: fullName,
    private: isPrivate,
    owner: userPayload({ login: spec.owner, type: spec.ownerType ?? 'User' }),
    html_url: html,
    description: null,
    fork: spec.fork ?? false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: TIMESTAMP,
    updated_at: TIMESTAMP,
    pushed_at: TIMESTAMP,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 120,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 0,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: isPrivate ? 'private' : 'public',
    forks: 0,
    open_issues: 0,
    watchers: 0,
    default_branch: spec.defaultBranch ?? 'main',
  };
}

export function organizationPayload(login: string): Record<string, unknown> {
  const id = stableId(`user:${login}`);
  const api = `${API_URL}/orgs/${login}`;
  return {
    login,
    id,
    node_id: `O_${Buffer.from(`org:${id}`).toString('base64url')}`,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    description: null,
  };
}
