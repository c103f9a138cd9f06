import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as deliverAll sees it: `now` for durations and the deadline, `sleep` for backoff waits.
 * Injectable so fault tests run instantly and assert on the waits that were asked for, never on
 * elapsed time. (Attempt timeouts are real timers: they bound real I/O.)
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined),
};
