import { parseRetryAfter } from './http/retry-after';
import { cleanLine, fitText } from './text/plain-text';

export interface DeliveryErrorDetails {
  /** Whether the same message sent again may succeed (5xx, 429, network, timeout) or not (4xx, auth). */
  retryable: boolean;
  /** HTTP status or SMTP reply code, when the destination answered. */
  status?: number;
  /** The destination asked us to wait this long (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A failed attempt. The message is made for reports and logs: one line, bounded, and it never
 * contains a webhook URL, a token or a password (channels build it from the host name and status).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(message: string, details: DeliveryErrorDetails) {
    super(fitText(cleanLine(message), 500), details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = details.retryable;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Classifies what a channel (or a port implemented elsewhere, such as packages/github) threw.
 * Errors that carry an HTTP `status` (Octokit's RequestError does) follow the HTTP rules, a
 * Retry-After in `response.headers` included (GitHub's secondary rate limit is a 403 with one);
 * anything else is assumed to be a transport failure and retried, within the same bounds as the rest.
 */
export function toDeliveryError(error: unknown, nowMs: number = Date.now()): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const shape = error as { status?: unknown; response?: { headers?: Record<string, unknown> } } | null;
  const status = shape?.status;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof status === 'number' && Number.isInteger(status)) {
    const header = shape?.response?.headers?.['retry-after'];
    const retryAfterMs = typeof header === 'string' ? parseRetryAfter(header, nowMs) : undefined;
    const retryable = isRetryableHttpStatus(status) || (status === 403 && retryAfterMs !== undefined);
    return new DeliveryError(`HTTP ${status}: ${message}`, { retryable, status, ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}), cause: error });
  }
  return new DeliveryError(message || 'unknown failure', { retryable: true, cause: error });
}

/** 408, 429 and 5xx may succeed later; every other 4xx says the request itself is wrong. */
export function isRetryableHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
