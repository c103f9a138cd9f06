/**
 * What the GitHub issue channel needs from GitHub. packages/github implements it (it is the only
 * package that talks to GitHub); tests implement it in memory.
 */
export interface GitHubIssueRequest {
  /**
   * Stable per notification (`override:<id>`). The body carries it in a hidden marker
   * (`issueMarker(dedupeKey)`); the port must update the open issue that has the marker instead of
   * opening another, so a retried or re-run delivery never duplicates the issue.
   */
  dedupeKey: string;
  /** Plain text, at most 256 characters, no line breaks. */
  title: string;
  /** GitHub Markdown, already escaped (no HTML, no mentions), at most 65,536 characters. */
  body: string;
  /** e.g. `security-override`; the port creates missing labels or reports why it cannot. */
  labels: string[];
}

export interface GitHubIssueResult {
  number: number;
  /** The issue's html_url. */
  url: string;
  created: boolean;
}

/**
 * Implementations throw a DeliveryError saying whether a retry may help (secondary rate limit: 403
 * or 429 with Retry-After → retryable with retryAfterMs; 5xx → retryable; 401, 404, 410, 422 → not),
 * or an error with a numeric `status` (Octokit's RequestError), which is classified the same way.
 * They must stop when `signal` aborts.
 */
export interface GitHubIssuePort {
  createOrUpdateIssue(request: GitHubIssueRequest, signal: AbortSignal): Promise<GitHubIssueResult>;
}
