/**
 * How hard deliverAll tries one channel. Every bound is explicit: a notification step must end, and
 * its end must be recorded, even when a destination hangs or keeps answering 429.
 */
export interface RetryPolicy {
  /** Attempts per channel, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; multiplied by 2 per attempt, up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** One attempt (connect, send, response) is aborted after this. */
  attemptTimeoutMs: number;
  /** Everything for one channel (attempts and waits) ends by this; no wait is started that would cross it. */
  totalDeadlineMs: number;
  /** A Retry-After longer than this is not waited for: the channel fails and says why. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
  attemptTimeoutMs: 15_000,
  totalDeadlineMs: 60_000,
  maxRetryAfterMs: 30_000,
});

/**
 * Exponential backoff with "equal jitter": half of the exponential delay is fixed and half random, so
 * runners that failed together do not retry in lockstep, yet every retry still waits. `retry` is 1
 * for the wait before the second attempt.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exponential / 2 + (exponential / 2) * r);
}

/** Rejects nonsense (0 attempts, negative delays) early, with the field that is wrong. */
export function checkRetryPolicy(policy: RetryPolicy): string | undefined {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1 || policy.maxAttempts > 20) return 'maxAttempts must be an integer from 1 to 20';
  for (const key of ['initialDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) return `${key} must be a non-negative number`;
  }
  for (const key of ['attemptTimeoutMs', 'totalDeadlineMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] <= 0) return `${key} must be a positive number`;
  }
  return undefined;
}
