/**
 * Builders of GitHub REST objects shaped as api.github.com returns them. Every body the fake sends
 * is validated against the operation's response schema, so these cannot drift from GitHub's
 * description unnoticed.
 */

export interface SiteUrls {
  /** REST API base, e.g. http://127.0.0.1:41234 */
  api: string;
  /** Web base for html_url fields. */
  web: string;
}

export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** GitHub's timestamp format: second precision, Z. */
export function githubTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`gatehouse-fake:${id}`).toString('base64url')}`;
}

export interface UserSpec {
  login: string;
  id: number;
  type?: 'User' | 'Bot' | 'Organization';
}

/** The author of everything a workflow's GITHUB_TOKEN writes. */
export const GITHUB_ACTIONS_BOT: UserSpec = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export function simpleUser(urls: SiteUrls, user: UserSpec): Record<string, unknown> {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `${urls.web}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${encodeURIComponent(user.login)}`,
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

function repoApi(urls: SiteUrls, ref: RepositoryRef): string {
  return `${urls.api}/repos/${ref.owner}/${ref.repo}`;
}

function repoWeb(urls: SiteUrls, ref: RepositoryRef): string {
  return `${urls.web}/${ref.owner}/${ref.repo}`;
}

function reactions(url: string): Record<string, unknown> {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: UserSpec;
  createdAt: string;
  updatedAt: string;
}

export function issueComment(urls: SiteUrls, ref: RepositoryRef, comment: StoredComment): Record<string, unknown> {
  const url = `${repoApi(urls, ref)}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url,
    html_url: `${repoWeb(urls, ref)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simpleUser(urls, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repoApi(urls, ref)}/issues/${comment.issueNumber}`,
    author_association: 'NONE',
    performed_via_github_app: null,
    reactions: reactions(`${url}/reactions`),
  };
}

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export function label(urls: SiteUrls, ref: RepositoryRef, stored: StoredLabel): Record<string, unknown> {
  return {
    id: stored.id,
    node_id: nodeId('LA', stored.id),
    url: `${repoApi(urls, ref)}/labels/${encodeURIComponent(stored.name)}`,
    name: stored.name,
    description: stored.description,
    color: stored.color,
    default: false,
  };
}

export interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: StoredLabel[];
  assignees: string[];
  author: UserSpec;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export function issue(urls: SiteUrls, ref: RepositoryRef, stored: StoredIssue): Record<string, unknown> {
  const api = `${repoApi(urls, ref)}/issues/${stored.number}`;
  return {
    id: stored.id,
    node_id: nodeId('I', stored.id),
    url: api,
    repository_url: repoApi(urls, ref),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoWeb(urls, ref)}/issues/${stored.number}`,
    number: stored.number,
    state: stored.state,
    state_reason: stored.stateReason,
    title: stored.title,
    body: stored.body,
    user: simpleUser(urls, stored.author),
    labels: stored.labels.map((l) => label(urls, ref, l)),
    assignee: stored.assignees[0] ? simpleUser(urls, { login: stored.assignees[0], id: loginId(stored.assignees[0]) }) : null,
    assignees: stored.assignees.map((login) => simpleUser(urls, { login, id: loginId(login) })),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: stored.comments,
    closed_at: stored.closedAt,
    created_at: stored.createdAt,
    updated_at: stored.updatedAt,
    closed_by: null,
    author_association: 'NONE',
    reactions: reactions(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
  };
}

/** A stable fake id for a login, so the same user always has the same id. */
export function loginId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return 1_000 + hash;
}

export function contentFile(
  urls: SiteUrls,
  ref: RepositoryRef,
  file: { path: string; content: Buffer; sha: string; gitRef: string },
): Record<string, unknown> {
  const encodedPath = file.path.split('/').map(encodeURIComponent).join('/');
  const self = `${repoApi(urls, ref)}/contents/${encodedPath}?ref=${encodeURIComponent(file.gitRef)}`;
  const git = `${repoApi(urls, ref)}/git/blobs/${file.sha}`;
  const html = `${repoWeb(urls, ref)}/blob/${encodeURIComponent(file.gitRef)}/${encodedPath}`;
  // GitHub wraps the base64 content at 60 characters per line.
  const content = (file.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
  return {
    type: 'file',
    encoding: 'base64',
    size: file.content.length,
    name: file.path.split('/').pop(),
    path: file.path,
    content: content ? `${content}\n` : '',
    sha: file.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `${urls.web}/raw/${ref.owner}/${ref.repo}/${encodeURIComponent(file.gitRef)}/${encodedPath}`,
    _links: { self, git, html },
  };
}
