import type { Finding } from '@gatehouse/findings';
import { durationMs } from '../schema/duration';
import type { Policy } from '../schema/policy-schema';
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
