import { describe, expect, it } from 'vitest';
import { backoffDelay, checkRetryPolicy, DEFAULT_RETRY_POLICY } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1_000, maxDelayMs: 10_000 };

  it('doubles per retry, keeping half fixed and half random', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never exceeds maxDelayMs, even with a misbehaving random source', () => {
    expect(backoffDelay(30, policy, () => 7)).toBe(10_000);
    expect(backoffDelay(30, policy, () => -3)).toBe(5_000);
  });
});

describe('checkRetryPolicy', () => {
  it('accepts the default and names the wrong field otherwise', () => {
    expect(checkRetryPolicy(DEFAULT_RETRY_POLICY)).toBeUndefined();
    expect(checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1.5 })).toMatch(/maxAttempts/);
    expect(checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, totalDeadlineMs: Number.NaN })).toMatch(/totalDeadlineMs/);
    expect(checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, initialDelayMs: -1 })).toMatch(/initialDelayMs/);
  });
});
