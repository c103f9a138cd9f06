/**
 * What went wrong talking to GitHub, as a type a caller can act on. Publishing code catches these and
 * degrades (keeps the SARIF as an artifact, skips the comment, says so in the summary); the verdict
 * never depends on them.
 */
export type GitHubProblemKind =
  | 'permission-denied'
  | 'not-found'
  | 'feature-unavailable'
  | 'rate-limited'
  | 'unauthorized'
  | 'validation-failed'
  | 'too-large'
  | 'unavailable'
  | 'unexpected';

export interface GitHubApiErrorDetails {
  /** "POST /repos/octo-org/octo-repo/code-scanning/sarifs" (no query string). */
  operation: string;
  status: number | undefined;
  /** GitHub's own message ("Resource not accessible by integration"), or the network error. */
  githubMessage: string;
  documentationUrl?: string;
  /** x-github-request-id, for a support ticket. */
  requestId?: string;
  /** The `errors` of a 422, as text. */
  errors?: readonly string[];
  /** Seconds GitHub asked us to wait (retry-after, or until x-ratelimit-reset). */
  retryAfterSeconds?: number;
}

const HINTS: Partial<Record<GitHubProblemKind, string>> = {
  'permission-denied': 'the token lacks a permission this needs (pull requests from forks get a read-only token)',
  'feature-unavailable': 'the feature is not enabled for this repository',
  'rate-limited': 'GitHub rate-limited the token',
  unauthorized: 'the token is missing, expired or invalid',
};

export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  readonly kind: GitHubProblemKind = 'unexpected';
  readonly operation: string;
  readonly status: number | undefined;
  readonly githubMessage: string;
  readonly documentationUrl: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: readonly string[];
  readonly retryAfterSeconds: number | undefined;

  constructor(details: GitHubApiErrorDetails) {
    super(`${details.operation}: ${details.status ?? 'no response'} ${details.githubMessage}`);
    this.operation = details.operation;
    this.status = details.status;
    this.githubMessage = details.githubMessage;
    this.documentationUrl = details.documentationUrl;
    this.requestId = details.requestId;
    this.errors = details.errors ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** One line for a log or a summary: what failed, GitHub's words, and what it usually means. */
  describe(): string {
    const hint = HINTS[this.kind];
    const details = this.errors.length ? ` (${this.errors.slice(0, 5).join('; ')})` : '';
    return `${this.message}${details}${hint ? ` — ${hint}` : ''}`;
  }
}

/** 403 "Resource not accessible by integration" and other refusals of the token (fork PRs, read-only tokens). */
export class PermissionDenied extends GitHubApiError {
  override name = 'PermissionDenied';
  override readonly kind = 'permission-denied';
}

/** 404 or 410: the resource does not exist, expired, or the token may not see it. */
export class NotFound extends GitHubApiError {
  override name = 'NotFound';
  override readonly kind = 'not-found';
}

/** The repository does not have the feature (code scanning without GitHub Advanced Security / Code Security). */
export class FeatureUnavailable extends GitHubApiError {
  override name = 'FeatureUnavailable';
  override readonly kind = 'feature-unavailable';
}

/** Primary or secondary rate limit, after the bounded retries gave up. */
export class RateLimited extends GitHubApiError {
  override name = 'RateLimited';
  override readonly kind = 'rate-limited';
}

/** 401: no token, or one GitHub does not accept. */
export class Unauthorized extends GitHubApiError {
  override name = 'Unauthorized';
  override readonly kind = 'unauthorized';
}

/** 400 / 422: GitHub refused the request's content. */
export class ValidationFailed extends GitHubApiError {
  override name = 'ValidationFailed';
  override readonly kind = 'validation-failed';
}

/** 413, or a payload we refused to send because GitHub would. */
export class PayloadTooLarge extends GitHubApiError {
  override name = 'PayloadTooLarge';
  override readonly kind = 'too-large';
}

/** 5xx, a network error or a timeout, after the bounded retries gave up. */
export class GitHubUnavailable extends GitHubApiError {
  override name = 'GitHubUnavailable';
  override readonly kind = 'unavailable';
}

/** A status or a response body we did not expect (an answer that does not match GitHub's description). */
export class UnexpectedResponse extends GitHubApiError {
  override name = 'UnexpectedResponse';
  override readonly kind = 'unexpected';
}
