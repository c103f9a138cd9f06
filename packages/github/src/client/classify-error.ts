import {
  FeatureUnavailable,
  GitHubApiError,
  GitHubUnavailable,
  NotFound,
  PayloadTooLarge,
  PermissionDenied,
  RateLimited,
  Unauthorized,
  UnexpectedResponse,
  ValidationFailed,
  type GitHubApiErrorDetails,
} from './github-api-error';

/**
 * What GitHub answers when a repository lacks the feature, as seen in the wild: "Advanced Security
 * must be enabled for this repository to use code scanning." (403), its 2025 successor "Code Security
 * must be enabled …", "Code scanning is not enabled for this repository." (403, also on reads),
 * GHES' "GitHub Advanced Security is not enabled" / "… blocked by a policy", and "Secret scanning is
 * not available for this repository" (422).
 */
const FEATURE_UNAVAILABLE = [
  /\b(?:advanced security|code security)\b.*\b(?:must be enabled|is not enabled|not enabled|blocked by a policy)\b/i,
  /\b(?:code|secret) scanning is (?:not enabled|disabled|not available)\b/i,
  /\bnot available for this repository\b/i,
];

const MAX_TEXT = 1_000;

/** The shape of @octokit/request's RequestError, checked structurally: a bundle may hold two copies of the class. */
interface HttpErrorLike {
  name: string;
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { status?: number; headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'HttpError' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

type ResponseHeaders = Record<string, string | number | undefined> | undefined;

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

function operationOf(error: HttpErrorLike, fallback: string | undefined): string {
  if (fallback) return fallback;
  const method = error.request?.method ?? 'REQUEST';
  const url = error.request?.url ?? '';
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${method} ${url.split('?')[0]}`;
  }
}

function errorsText(data: unknown): string[] {
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 20).map((entry) => {
    if (typeof entry === 'string') return clip(entry);
    if (entry && typeof entry === 'object') {
      const { message, code, field, resource } = entry as Record<string, unknown>;
      return clip([resource, field, code, message].filter((part) => typeof part === 'string' && part).join(' '));
    }
    return clip(String(entry));
  });
}

function retryAfter(headers: ResponseHeaders): number | undefined {
  const after = Number(header(headers, 'retry-after'));
  if (Number.isFinite(after) && after >= 0) return after;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (header(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return undefined;
}

function isRateLimit(status: number, message: string, headers: ResponseHeaders): boolean {
  if (status === 429) return true;
  return status === 403 && (header(headers, 'x-ratelimit-remaining') === '0' || /\brate limit\b/i.test(message));
}

/** The typed error for a failed request; `operation` names it when the request's own URL would not. */
export function classifyHttpError(error: HttpErrorLike, operation?: string): GitHubApiError {
  const data = error.response?.data;
  const headers = error.response?.headers;
  const bodyMessage = (data as { message?: unknown } | undefined)?.message;
  const githubMessage = clip(typeof bodyMessage === 'string' ? bodyMessage : typeof data === 'string' && data ? data : error.message);
  const documentationUrl = (data as { documentation_url?: unknown } | undefined)?.documentation_url;
  const details: GitHubApiErrorDetails = {
    operation: operationOf(error, operation),
    status: error.response ? error.status : undefined,
    githubMessage,
    documentationUrl: typeof documentationUrl === 'string' ? documentationUrl : undefined,
    requestId: header(headers, 'x-github-request-id'),
    errors: errorsText(data),
    retryAfterSeconds: retryAfter(headers),
  };
  const status = error.status;
  // No response at all: fetch failed, the connection broke, or our timeout fired.
  if (!error.response) return new GitHubUnavailable(details);
  if (isRateLimit(status, githubMessage, headers)) return new RateLimited(details);
  if (status >= 400 && status < 500 && FEATURE_UNAVAILABLE.some((pattern) => pattern.test(githubMessage))) return new FeatureUnavailable(details);
  if (status === 401) return new Unauthorized(details);
  if (status === 403) return new PermissionDenied(details);
  if (status === 404 || status === 410) return new NotFound(details);
  if (status === 413) return new PayloadTooLarge(details);
  if (status === 400 || status === 422) return new ValidationFailed(details);
  if (status >= 500) return new GitHubUnavailable(details);
  return new UnexpectedResponse(details);
}

/**
 * Any error from a GitHub call as a GitHubApiError. Errors that are not about the request (a bug in
 * our code, a TypeError) are returned unchanged for the caller to rethrow.
 */
export function toGitHubApiError(error: unknown, operation?: string): GitHubApiError | Error {
  if (error instanceof GitHubApiError) return error;
  if (isHttpError(error)) return classifyHttpError(error, operation);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new GitHubUnavailable({ operation: operation ?? 'request', status: undefined, githubMessage: error.message });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs one GitHub call and turns what it throws into a typed error. */
export async function callGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubApiError(error, operation);
  }
}
