import type { Severity } from '@gatehouse/findings';
import type { Policy } from '../schema/policy-schema';
import type { KnownLevel, Threshold } from '../schema/rules';

const RANK: Record<KnownLevel, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

/** The level a finding counts as: its severity, or the policy's `unknownSeverity` when unknown. */
export function countedLevel(severity: Severity, policy: Pick<Policy, 'unknownSeverity'>): KnownLevel {
  return severity === 'unknown' ? policy.unknownSeverity : severity;
}

/** True when `level` is at or above `threshold` (`none` is never reached). */
export function meetsThreshold(level: KnownLevel, threshold: Threshold): boolean {
  return threshold !== 'none' && RANK[level] >= RANK[threshold];
}
