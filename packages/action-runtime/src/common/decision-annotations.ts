import { annotateFindings, type AnnotateFindingsResult } from '@gatehouse/action-kit';
import type { Finding, FindingsDocument } from '@gatehouse/findings';

/**
 * Annotates what the decision acts on: blocking findings as errors, warned ones as warnings, most
 * severe first, within GitHub's per-step caps. Findings that neither block nor warn get no
 * annotation (they are in the summary, SARIF and findings.json). Returns those left out by the caps.
 */
export function annotateDecision(document: FindingsDocument): AnnotateFindingsResult {
  const blocking = new Set(document.decision.blockingIds);
  const warning = new Set(document.decision.warningIds);
  const acted: Finding[] = document.findings.filter((f) => f.status === 'open' && (blocking.has(f.id) || warning.has(f.id)));
  return annotateFindings(acted, { level: (finding) => (blocking.has(finding.id) ? 'error' : 'warning') });
}
