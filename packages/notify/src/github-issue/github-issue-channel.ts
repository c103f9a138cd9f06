import { ConfigurationError } from '@gatehouse/findings';
import type { NotificationChannel } from '../channel';
import { DeliveryError } from '../delivery-error';
import { cleanLine } from '../text/plain-text';
import type { GitHubIssuePort } from './github-issue-port';
import { GITHUB_ISSUE_LIMITS, ISSUE_LABELS, issueDedupeKey, renderIssueBody, renderIssueTitle } from './issue-body';

export interface GitHubIssueChannelOptions {
  /** Defaults to `github-issue`. */
  name?: string;
  /** Added to the kind's label (`security-override`, `security-incident`, ...). */
  extraLabels?: readonly string[];
}

function checkLabel(label: unknown): string {
  if (typeof label !== 'string') throw new ConfigurationError('GitHub issue labels must be strings');
  const clean = cleanLine(label).trim();
  if (!clean || clean.length > GITHUB_ISSUE_LIMITS.label) throw new ConfigurationError(`GitHub issue label "${clean.slice(0, 60)}" must be 1 to 50 characters`);
  return clean;
}

/**
 * Opens (or updates, on retry) a GitHub issue for the notification through the port packages/github
 * implements. Title and body are rendered here, escaped for GitHub Markdown.
 */
export function githubIssueChannel(port: GitHubIssuePort, options: GitHubIssueChannelOptions = {}): NotificationChannel {
  if (!port || typeof port.createOrUpdateIssue !== 'function') throw new ConfigurationError('githubIssueChannel needs a GitHubIssuePort');
  const extraLabels = (options.extraLabels ?? []).map(checkLabel);
  return {
    kind: 'github-issue',
    name: options.name ?? 'github-issue',
    async send(message, signal) {
      const dedupeKey = issueDedupeKey(message);
      const labels = [...new Set([ISSUE_LABELS[message.kind], ...extraLabels])];
      const result = await port.createOrUpdateIssue({ dedupeKey, title: renderIssueTitle(message), body: renderIssueBody(message, { dedupeKey }), labels }, signal);
      if (!result || !Number.isInteger(result.number) || typeof result.url !== 'string') {
        throw new DeliveryError('the GitHub issue port returned no issue number or URL', { retryable: false });
      }
      return { reference: result.url, detail: `issue #${result.number} ${result.created ? 'opened' : 'updated'}` };
    },
  };
}
