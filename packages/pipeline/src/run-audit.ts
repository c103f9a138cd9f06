import type { FindingsDocument } from '@gatehouse/findings';
import type { AuditLog } from '@gatehouse/report';

/**
 * The policy's effects on a run, as audit events: each exception and VEX statement applied, and the
 * verdict with why. Engine events are recorded where engines run (runEngine); policy.loaded where the
 * policy is read (it knows the ref).
 */
export function auditDecision(audit: AuditLog, document: FindingsDocument): void {
  for (const finding of document.findings) {
    const s = finding.suppression;
    if (!s || finding.status !== 'suppressed') continue;
    if (s.kind === 'exception') {
      audit.record({
        type: 'exception.applied',
        findingId: finding.id,
        exception: s.ref ?? 'policy exception',
        owner: s.owner ?? 'unknown',
        reason: s.reason,
        ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
      });
    } else if (s.kind === 'vex') {
      const status = /\b(not_affected|fixed|false_positive|resolved)\b/.exec(s.reason)?.[1] ?? 'not_affected';
      audit.record({
        type: 'vex.applied',
        findingId: finding.id,
        document: s.ref ?? 'VEX document',
        status: status as 'not_affected',
        justification: s.reason,
      });
    }
  }
  const { decision } = document;
  audit.record({
    type: 'verdict',
    verdict: decision.verdict,
    blocking: decision.counts.blocking,
    warning: decision.counts.warning,
    reasons: [...new Set(decision.reasons.map((r) => r.code))].slice(0, 100),
    incompleteEngines: document.engines.filter((e) => e.status === 'incomplete').map((e) => e.id),
  });
}
