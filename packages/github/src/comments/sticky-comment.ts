import { ConfigurationError } from '@gatehouse/findings';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { GitHubApiError, NotFound, PermissionDenied } from '../client/github-api-error';
import { boundCommentBody, checkCommentMarker, DEFAULT_COMMENT_MARKER } from './bound-comment-body';

export interface StickyCommentTarget {
  /** The pull request (or issue) number. */
  issueNumber: number;
  /** Hidden marker identifying the comment; one per action if several comment on the same PR. */
  marker?: string;
  /** The run is a pull request from a fork: a refusal then reads "fork". */
  fork?: boolean;
  /** Pages of 100 comments to look through for ours (default 30). */
  maxPages?: number;
}

export type SkippedReason = 'fork' | 'read-only-token' | 'not-found';

export type StickyCommentOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; commentId: number; url: string; truncated: boolean }
  | { status: 'skipped'; reason: SkippedReason; message: string }
  | { status: 'failed'; message: string };

export type DeleteStickyCommentOutcome =
  | { status: 'deleted'; count: number }
  | { status: 'absent' }
  | { status: 'skipped'; reason: SkippedReason; message: string }
  | { status: 'failed'; message: string };

interface CommentSummary {
  id: number;
  body: string;
  url: string;
}

function checkTarget(target: StickyCommentTarget): string {
  if (!Number.isSafeInteger(target.issueNumber) || target.issueNumber < 1) throw new ConfigurationError(`pull request number ${target.issueNumber} is not a positive whole number`);
  return checkCommentMarker(target.marker ?? DEFAULT_COMMENT_MARKER);
}

/**
 * Our comments on the issue: those carrying the marker AND written by the token's own identity. A
 * comment by anyone else that quotes the marker is never ours to edit or delete.
 */
async function findOurComments(client: GitHubClient, issueNumber: number, marker: string, maxPages: number): Promise<CommentSummary[]> {
  const { login } = await client.identity();
  const ours: CommentSummary[] = [];
  await callGitHub('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', async () => {
    let pages = 0;
    for await (const page of client.octokit.paginate.iterator(client.octokit.rest.issues.listComments, { ...client.repository, issue_number: issueNumber, per_page: 100 })) {
      for (const comment of page.data) {
        if (comment.body?.includes(marker) && comment.user?.login.toLowerCase() === login.toLowerCase()) {
          ours.push({ id: comment.id, body: comment.body, url: comment.html_url });
        }
      }
      pages += 1;
      if (pages >= maxPages) break;
    }
  });
  return ours.sort((a, b) => a.id - b.id);
}

function degrade(error: unknown, fork: boolean | undefined): { status: 'skipped'; reason: SkippedReason; message: string } | { status: 'failed'; message: string } {
  if (!(error instanceof GitHubApiError)) throw error;
  if (error instanceof PermissionDenied) return { status: 'skipped', reason: fork ? 'fork' : 'read-only-token', message: error.describe() };
  if (error instanceof NotFound) return { status: 'skipped', reason: 'not-found', message: error.describe() };
  return { status: 'failed', message: error.describe() };
}

/**
 * One Gatehouse comment per pull request, updated in place: found by its hidden marker among the
 * comments the token itself wrote (all pages), updated when its body changed, created otherwise.
 * Extra copies of ours (two jobs racing) are deleted. The body is bounded to GitHub's 65,536
 * characters. It never throws for GitHub's answers: a fork's read-only token gives `skipped`.
 *
 * `body` is rendered Markdown in which every scanner-provided string is already escaped
 * (packages/report's renderComment).
 */
export async function upsertStickyComment(client: GitHubClient, target: StickyCommentTarget & { body: string }): Promise<StickyCommentOutcome> {
  const marker = checkTarget(target);
  const { body, truncated } = boundCommentBody(target.body, marker);
  const { logger } = client;
  try {
    const [existing, ...extra] = await findOurComments(client, target.issueNumber, marker, target.maxPages ?? 30);
    for (const duplicate of extra) {
      await callGitHub('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', () =>
        client.octokit.rest.issues.deleteComment({ ...client.repository, comment_id: duplicate.id }),
      ).catch((error: unknown) => logger.warning(`could not delete duplicate Gatehouse comment ${duplicate.id}: ${(error as Error).message}`));
    }
    if (existing && existing.body === body) return { status: 'unchanged', commentId: existing.id, url: existing.url, truncated };
    if (existing) {
      const { data } = await callGitHub('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', () =>
        client.octokit.rest.issues.updateComment({ ...client.repository, comment_id: existing.id, body }),
      );
      logger.info(`updated the Gatehouse comment on #${target.issueNumber}`);
      return { status: 'updated', commentId: data.id, url: data.html_url, truncated };
    }
    const { data } = await callGitHub('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', () =>
      client.octokit.rest.issues.createComment({ ...client.repository, issue_number: target.issueNumber, body }),
    );
    logger.info(`commented on #${target.issueNumber}`);
    return { status: 'created', commentId: data.id, url: data.html_url, truncated };
  } catch (error) {
    const outcome = degrade(error, target.fork);
    logger.warning(`the pull request comment was ${outcome.status === 'skipped' ? `skipped (${outcome.reason})` : 'not written'}: ${outcome.message}`);
    return outcome;
  }
}

/** Deletes our sticky comment(s) (e.g. once the pull request is clean); others' comments are never touched. */
export async function deleteStickyComment(client: GitHubClient, target: StickyCommentTarget): Promise<DeleteStickyCommentOutcome> {
  const marker = checkTarget(target);
  try {
    const ours = await findOurComments(client, target.issueNumber, marker, target.maxPages ?? 30);
    if (ours.length === 0) return { status: 'absent' };
    for (const comment of ours) {
      await callGitHub('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', () =>
        client.octokit.rest.issues.deleteComment({ ...client.repository, comment_id: comment.id }),
      );
    }
    client.logger.info(`deleted the Gatehouse comment on #${target.issueNumber}`);
    return { status: 'deleted', count: ours.length };
  } catch (error) {
    return degrade(error, target.fork);
  }
}
