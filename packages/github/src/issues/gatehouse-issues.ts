import { ConfigurationError } from '@gatehouse/findings';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { GitHubApiError, NotFound, PermissionDenied } from '../client/github-api-error';
import { boundCommentBody } from '../comments/bound-comment-body';
import { ensureLabels, toIssueLabel, type IssueLabel } from './ensure-labels';
import { issueKeyOf, issueMarker } from './issue-key';

export interface IssueRequest {
  /** Stable identity of what the issue is about (see `checkIssueKey`). */
  key: string;
  title: string;
  /** Rendered Markdown, every untrusted string already escaped. The key's marker is added. */
  body: string;
  /**
   * Labels to set (kept alongside any a person added). The first one is also how the issue is found
   * again, so it should be one Gatehouse owns ("security-override", "gatehouse-remediation").
   */
  labels: readonly (string | IssueLabel)[];
  assignees?: readonly string[];
  /** Reopen the issue when it was closed (default true: the finding is back). */
  reopen?: boolean;
}

export interface GatehouseIssue {
  number: number;
  title: string;
  state: 'open' | 'closed';
  labels: string[];
  /** The key of its marker; undefined for issues someone else wrote. */
  key: string | undefined;
  author: string;
  url: string;
  body: string;
}

export type IssueSkipReason = 'read-only-token' | 'issues-disabled';

export type IssueOutcome =
  | { status: 'created' | 'updated' | 'reopened' | 'unchanged'; number: number; url: string }
  | { status: 'skipped'; reason: IssueSkipReason; message: string }
  | { status: 'failed'; message: string };

export type CloseIssueOutcome =
  | { status: 'closed' | 'already-closed'; number: number }
  | { status: 'absent' }
  | { status: 'skipped'; reason: IssueSkipReason; message: string }
  | { status: 'failed'; message: string };

const MAX_TITLE = 256;

function boundTitle(title: string): string {
  const line = title.replace(/[\r\n\t]+/g, ' ').trim();
  if (!line) throw new ConfigurationError('an issue needs a title');
  return line.length <= MAX_TITLE ? line : `${line.slice(0, MAX_TITLE - 1)}…`;
}

function degrade(error: unknown): { status: 'skipped'; reason: IssueSkipReason; message: string } | { status: 'failed'; message: string } {
  if (!(error instanceof GitHubApiError)) throw error;
  if (error instanceof PermissionDenied) return { status: 'skipped', reason: 'read-only-token', message: error.describe() };
  // 410 "Issues are disabled for this repo"
  if (error instanceof NotFound && error.status === 410) return { status: 'skipped', reason: 'issues-disabled', message: error.describe() };
  return { status: 'failed', message: error.describe() };
}

/**
 * Issues carrying `label` (open and closed, all pages up to `maxPages` of 100), pull requests left
 * out. `key` is set only on issues the token itself wrote: a person quoting a marker cannot make
 * Gatehouse adopt, edit or close their issue.
 */
export async function listIssuesByLabel(client: GitHubClient, label: string, options: { state?: 'open' | 'closed' | 'all'; maxPages?: number } = {}): Promise<GatehouseIssue[]> {
  const name = toIssueLabel(label).name;
  const { login } = await client.identity();
  const maxPages = options.maxPages ?? 20;
  const issues: GatehouseIssue[] = [];
  await callGitHub('GET /repos/{owner}/{repo}/issues', async () => {
    let pages = 0;
    for await (const page of client.octokit.paginate.iterator(client.octokit.rest.issues.listForRepo, {
      ...client.repository,
      labels: name,
      state: options.state ?? 'all',
      per_page: 100,
    })) {
      for (const issue of page.data) {
        if (issue.pull_request) continue;
        const author = issue.user?.login ?? '';
        issues.push({
          number: issue.number,
          title: issue.title,
          state: issue.state === 'closed' ? 'closed' : 'open',
          labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
          key: author.toLowerCase() === login.toLowerCase() ? issueKeyOf(issue.body) : undefined,
          author,
          url: issue.html_url,
          body: issue.body ?? '',
        });
      }
      pages += 1;
      if (pages >= maxPages) break;
    }
  });
  return issues.sort((a, b) => a.number - b.number);
}

function sameLabels(current: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(current.map((l) => l.toLowerCase()));
  return wanted.every((l) => have.has(l.toLowerCase()));
}

/**
 * Creates the issue for `key`, or updates the one an earlier run created (found by its hidden
 * marker among the issues labelled with the first label, written by the token's identity). Labels
 * are created with their colors when missing; labels a person added are kept; a closed issue is
 * reopened unless `reopen: false`; extra copies of ours (racing runs) are closed as duplicates.
 * Returns an outcome for every GitHub answer; throws only for an invalid request.
 */
export async function createOrUpdateIssue(client: GitHubClient, request: IssueRequest): Promise<IssueOutcome> {
  const labels = request.labels.map(toIssueLabel);
  if (labels.length === 0) throw new ConfigurationError(`issue ${request.key}: at least one label is needed to find the issue again`);
  issueMarker(request.key);
  boundTitle(request.title);
  try {
    const ours = (await listIssuesByLabel(client, labels[0]!.name)).filter((issue) => issue.key === request.key);
    const [existing, ...duplicates] = ours;
    for (const duplicate of duplicates.filter((d) => d.state === 'open')) {
      await callGitHub('PATCH /repos/{owner}/{repo}/issues/{issue_number}', () =>
        client.octokit.rest.issues.update({ ...client.repository, issue_number: duplicate.number, state: 'closed', state_reason: 'duplicate' }),
      );
      client.logger.info(`closed #${duplicate.number}, a duplicate of the Gatehouse issue for ${request.key}`);
    }
    return await writeListedIssue(client, request, existing);
  } catch (error) {
    const outcome = degrade(error);
    client.logger.warning(`issue for ${request.key} ${outcome.status === 'skipped' ? `skipped (${outcome.reason})` : 'not written'}: ${outcome.message}`);
    return outcome;
  }
}

/**
 * `createOrUpdateIssue` for a caller that has already listed the issues (`listIssuesByLabel`) and
 * found `existing` for the request's key (undefined: there is none), so that syncing many issues
 * costs one listing instead of one per issue. Only pass issues whose `key` is the request's key.
 */
export async function writeListedIssue(client: GitHubClient, request: IssueRequest, existing: GatehouseIssue | undefined): Promise<IssueOutcome> {
  const marker = issueMarker(request.key);
  const title = boundTitle(request.title);
  const labels = request.labels.map(toIssueLabel);
  if (labels.length === 0) throw new ConfigurationError(`issue ${request.key}: at least one label is needed to find the issue again`);
  if (existing && existing.key !== request.key) throw new ConfigurationError(`issue #${existing.number} is not the issue for ${request.key}`);
  const { body } = boundCommentBody(request.body, marker);
  const labelNames = labels.map((l) => l.name);
  const { logger } = client;
  try {
    await ensureLabels(client, labels);
    if (!existing) {
      const { data } = await callGitHub('POST /repos/{owner}/{repo}/issues', () =>
        client.octokit.rest.issues.create({ ...client.repository, title, body, labels: labelNames, ...(request.assignees?.length ? { assignees: [...request.assignees] } : {}) }),
      );
      logger.info(`opened issue #${data.number} for ${request.key}`);
      return { status: 'created', number: data.number, url: data.html_url };
    }

    const reopen = existing.state === 'closed' && request.reopen !== false;
    if (existing.title === title && existing.body === body && sameLabels(existing.labels, labelNames) && !reopen) {
      return { status: 'unchanged', number: existing.number, url: existing.url };
    }
    const mergedLabels = [...existing.labels, ...labelNames.filter((name) => !existing.labels.some((l) => l.toLowerCase() === name.toLowerCase()))];
    const { data } = await callGitHub('PATCH /repos/{owner}/{repo}/issues/{issue_number}', () =>
      client.octokit.rest.issues.update({
        ...client.repository,
        issue_number: existing.number,
        title,
        body,
        labels: mergedLabels,
        ...(reopen ? { state: 'open' as const } : {}),
      }),
    );
    logger.info(`${reopen ? 'reopened' : 'updated'} issue #${data.number} for ${request.key}`);
    return { status: reopen ? 'reopened' : 'updated', number: data.number, url: data.html_url };
  } catch (error) {
    const outcome = degrade(error);
    logger.warning(`issue for ${request.key} ${outcome.status === 'skipped' ? `skipped (${outcome.reason})` : 'not written'}: ${outcome.message}`);
    return outcome;
  }
}

/**
 * Adds a comment to an issue (an escalation, a note saying why it was closed). The body is bounded
 * and carries `marker` (a hidden `<!-- gatehouse:... -->` line) so that people and later runs can
 * tell Gatehouse's comments apart. Returns an outcome; never throws for GitHub's answers.
 */
export async function commentOnIssue(
  client: GitHubClient,
  issueNumber: number,
  comment: { body: string; marker?: string },
): Promise<{ status: 'commented'; id: number } | { status: 'skipped'; reason: IssueSkipReason; message: string } | { status: 'failed'; message: string }> {
  if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) throw new ConfigurationError(`issue number ${issueNumber} is not a positive whole number`);
  const { body } = boundCommentBody(comment.body, comment.marker ?? '<!-- gatehouse:issue-note -->');
  try {
    const { data } = await callGitHub('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', () =>
      client.octokit.rest.issues.createComment({ ...client.repository, issue_number: issueNumber, body }),
    );
    return { status: 'commented', id: data.id };
  } catch (error) {
    return degrade(error);
  }
}

/**
 * Closes the issue for `key` (found as `createOrUpdateIssue` finds it), e.g. when the finding is
 * gone, optionally with a comment saying why.
 */
export async function closeIssue(
  client: GitHubClient,
  target: { key: string; label: string | IssueLabel },
  options: { reason?: 'completed' | 'not_planned'; comment?: string } = {},
): Promise<CloseIssueOutcome> {
  issueMarker(target.key);
  try {
    const ours = (await listIssuesByLabel(client, toIssueLabel(target.label).name)).filter((issue) => issue.key === target.key);
    if (ours.length === 0) return { status: 'absent' };
    const open = ours.filter((issue) => issue.state === 'open');
    if (open.length === 0) return { status: 'already-closed', number: ours[0]!.number };
    for (const issue of open) {
      const outcome = await closeListedIssue(client, issue, options);
      if (outcome.status === 'skipped' || outcome.status === 'failed') return outcome;
    }
    return { status: 'closed', number: open[0]!.number };
  } catch (error) {
    return degrade(error);
  }
}

/** Closes one issue found by `listIssuesByLabel` (ours: its `key` is set), with an optional comment first. */
export async function closeListedIssue(
  client: GitHubClient,
  issue: GatehouseIssue,
  options: { reason?: 'completed' | 'not_planned'; comment?: string } = {},
): Promise<CloseIssueOutcome> {
  if (!issue.key) throw new ConfigurationError(`issue #${issue.number} was not written by Gatehouse: it is not closed`);
  if (issue.state === 'closed') return { status: 'already-closed', number: issue.number };
  try {
    if (options.comment) {
      const { body } = boundCommentBody(options.comment, '<!-- gatehouse:issue-note -->');
      await callGitHub('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', () =>
        client.octokit.rest.issues.createComment({ ...client.repository, issue_number: issue.number, body }),
      );
    }
    await callGitHub('PATCH /repos/{owner}/{repo}/issues/{issue_number}', () =>
      client.octokit.rest.issues.update({ ...client.repository, issue_number: issue.number, state: 'closed', state_reason: options.reason ?? 'completed' }),
    );
    client.logger.info(`closed issue #${issue.number} for ${issue.key}`);
    return { status: 'closed', number: issue.number };
  } catch (error) {
    return degrade(error);
  }
}

/**
 * The GitHub side of packages/notify's `GitHubIssuePort` (and of remediation issues), bound to a
 * client.
 */
export interface GitHubIssues {
  createOrUpdateIssue(request: IssueRequest): Promise<IssueOutcome>;
  closeIssue(target: { key: string; label: string | IssueLabel }, options?: { reason?: 'completed' | 'not_planned'; comment?: string }): Promise<CloseIssueOutcome>;
  listIssuesByLabel(label: string, options?: { state?: 'open' | 'closed' | 'all' }): Promise<GatehouseIssue[]>;
}

export function gitHubIssues(client: GitHubClient): GitHubIssues {
  return {
    createOrUpdateIssue: (request) => createOrUpdateIssue(client, request),
    closeIssue: (target, options) => closeIssue(client, target, options),
    listIssuesByLabel: (label, options) => listIssuesByLabel(client, label, options),
  };
}
