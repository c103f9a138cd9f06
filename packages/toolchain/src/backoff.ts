import { setTimeout as delay } from 'node:timers/promises';

export interface BackoffPolicy {
  /** Attempts per source, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled each time, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay is kept and half is random, so
 * many runners failing at once do not retry in lockstep, yet every retry still waits.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const random = policy.random ?? Math.random;
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export function sleepFor(ms: number, policy: BackoffPolicy): Promise<void> {
  return (policy.sleep ?? ((t: number) => delay(t)))(ms);
}
