import type { Logger } from '@gatehouse/findings';

interface LimitedRequest {
  method?: string;
  url?: string;
}

export interface RateLimitPolicy {
  /** Retries per request after a rate limit. */
  retries: number;
  /** GitHub asking for a longer wait than this is not waited for: the call fails as RateLimited. */
  maxWaitSeconds: number;
}

/**
 * The throttling plugin's callbacks: wait as GitHub asks (Retry-After for secondary limits, until
 * x-ratelimit-reset for the primary one), but only a bounded number of times and never for long.
 */
export function rateLimitHandlers(logger: Logger, policy: RateLimitPolicy) {
  const decide = (kind: string) => (retryAfter: number, request: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
    const what = `${request.method ?? 'request'} ${request.url ?? ''}`.trim();
    if (retryCount < policy.retries && retryAfter <= policy.maxWaitSeconds) {
      logger.warning(`GitHub ${kind} rate limit on ${what}: retrying after ${retryAfter} s (retry ${retryCount + 1} of ${policy.retries})`);
      return true;
    }
    const why = retryCount >= policy.retries ? `after ${retryCount} retries` : `GitHub asks to wait ${retryAfter} s, more than ${policy.maxWaitSeconds} s`;
    logger.warning(`GitHub ${kind} rate limit on ${what}: giving up ${why}`);
    return false;
  };
  return { onRateLimit: decide('primary'), onSecondaryRateLimit: decide('secondary') };
}
