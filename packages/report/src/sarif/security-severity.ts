import { severityFromCvssScore, type Finding, type Severity } from '@gatehouse/findings';
import type { SarifLevel } from './sarif-log';

/**
 * A representative score per severity for findings rated without CVSS, chosen inside GitHub's bands
 * (critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9) so GitHub shows the same severity we do.
 */
export const REPRESENTATIVE_SECURITY_SEVERITY: Readonly<Partial<Record<Severity, number>>> = Object.freeze({
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
});

/**
 * `properties.security-severity` for a rule: the CVSS base score when the severity came from a CVSS
 * vector, else the representative score of the severity. `info` and `unknown` get none: GitHub would
 * read any number as at least "low", and Gatehouse never invents a severity. A CVSS score whose band
 * disagrees with the finding's severity is not used, so GitHub never shows another severity than ours.
 */
export function securitySeverityScore(finding: Pick<Finding, 'severity' | 'severityBasis'>): number | undefined {
  if (finding.severityBasis.kind === 'cvss') {
    const score = finding.severityBasis.cvss.score;
    if (Number.isFinite(score) && score > 0 && score <= 10 && severityFromCvssScore(score) === finding.severity) return score;
  }
  return REPRESENTATIVE_SECURITY_SEVERITY[finding.severity];
}

export function formatSecuritySeverity(score: number): string {
  return score.toFixed(1);
}

/**
 * SARIF level: what GitHub shows for results without security-severity and what annotations use.
 * `unknown` is a warning, not an error: the policy decides how unknown counts; SARIF does not guess.
 */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
    case 'unknown':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}
