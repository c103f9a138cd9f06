import type { Finding } from '@gatehouse/findings';
import { durationMs } from '../schema/duration';
import type { Policy } from '../schema/policy-schema';
import type { KnownLevel } from '../schema/rules';
import { countedLevel } from './severity-level';

/**
 * When a finding must be fixed: first seen plus the policy's SLA for its severity (unknown counts as
 * the policy's `unknownSeverity`). Undefined when that severity has no SLA (`none`) or the first-seen
 * date cannot be read. A finding is overdue strictly after this instant.
 */
export function slaDueDate(
  finding: Pick<Finding, 'severity'>,
  policy: Pick<Policy, 'sla' | 'unknownSeverity'>,
  firstSeen: Date | string,
): Date | undefined {
  const start = typeof firstSeen === 'string' ? Date.parse(firstSeen) : firstSeen.getTime();
  if (Number.isNaN(start)) return undefined;
  const duration = durationMs(policy.sla[countedLevel(finding.severity, policy)]);
  return duration === undefined ? undefined : new Date(start + duration);
}

/** Milliseconds of SLA per counted level, worked out once per evaluation. */
export function slaTable(policy: Pick<Policy, 'sla'>): Record<KnownLevel, number | undefined> {
  return {
    critical: durationMs(policy.sla.critical),
    high: durationMs(policy.sla.high),
    medium: durationMs(policy.sla.medium),
    low: durationMs(policy.sla.low),
    info: durationMs(policy.sla.info),
  };
}
