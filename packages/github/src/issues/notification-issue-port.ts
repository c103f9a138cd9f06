import type { GitHubClient } from '../client/create-github-client';
import { createOrUpdateIssue } from './gatehouse-issues';

/** The request of packages/notify's GitHubIssuePort (same shape; github does not depend on notify). */
export interface NotificationIssueRequest {
  dedupeKey: string;
  title: string;
  body: string;
  labels: string[];
}

/** Thrown when GitHub did not take the issue; `status` lets notify classify it (retry or not). */
export class NotificationIssueError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'NotificationIssueError';
  }
}

const KEY_UNSAFE = /[^A-Za-z0-9:._/@+-]/g;

/**
 * packages/notify's GitHubIssuePort for a client: the issue for a dedupe key is created once and
 * updated on retries and re-runs (`createOrUpdateIssue`). A read-only token or disabled issues is
 * not retryable (403/410); other failures count as 502 (retryable).
 */
export function notificationIssuePort(client: GitHubClient) {
  return {
    async createOrUpdateIssue(request: NotificationIssueRequest, signal: AbortSignal): Promise<{ number: number; url: string; created: boolean }> {
      if (signal.aborted) throw new NotificationIssueError('cancelled', 499);
      const key = `notify/${request.dedupeKey.replace(KEY_UNSAFE, '_').replace(/-{2,}/g, '-')}`.slice(0, 200);
      const outcome = await createOrUpdateIssue(client, { key, title: request.title, body: request.body, labels: request.labels });
      switch (outcome.status) {
        case 'created':
        case 'updated':
        case 'reopened':
        case 'unchanged':
          return { number: outcome.number, url: outcome.url, created: outcome.status === 'created' };
        case 'skipped':
          throw new NotificationIssueError(outcome.message, outcome.reason === 'issues-disabled' ? 410 : 403);
        case 'failed':
          throw new NotificationIssueError(outcome.message, 502);
      }
    },
  };
}
