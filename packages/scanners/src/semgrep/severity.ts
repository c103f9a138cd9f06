import type { RatedSeverity, Severity } from '@gatehouse/findings';

/**
 * semgrep's two severity vocabularies on the one scale (docs/engines/semgrep.md):
 *
 * | semgrep                  | Gatehouse |
 * |--------------------------|-----------|
 * | CRITICAL                 | critical  |
 * | ERROR, HIGH              | high      |
 * | WARNING, MEDIUM          | medium    |
 * | INFO, LOW                | low       |
 * | EXPERIMENT, INVENTORY    | info      |
 *
 * INFO is `low`, not `info`: it is still a reported problem, and semgrep's own SARIF writes it as
 * level `note`, which the SARIF adapter reads as `low` too, so both report formats agree.
 */
const MAPPING: Record<string, Severity> = {
  CRITICAL: 'critical',
  ERROR: 'high',
  HIGH: 'high',
  WARNING: 'medium',
  MEDIUM: 'medium',
  INFO: 'low',
  LOW: 'low',
  EXPERIMENT: 'info',
  INVENTORY: 'info',
};

export function semgrepSeverity(label: string | undefined): RatedSeverity {
  const key = (label ?? '').trim().toUpperCase();
  const severity = Object.hasOwn(MAPPING, key) ? MAPPING[key] : undefined;
  if (!severity) return { severity: 'unknown', severityBasis: { kind: 'none' } };
  return { severity, severityBasis: { kind: 'tool', label: key, source: 'semgrep' } };
}
