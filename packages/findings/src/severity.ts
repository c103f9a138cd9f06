import { z } from 'zod';

/** Ordered from most to least severe; `unknown` is kept apart from `info` and is never invented away. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SeveritySchema = z.enum(SEVERITIES);

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, unknown: 0 };

/** Higher is more severe. `unknown` ranks lowest here; policies decide separately how it counts. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return compareSeverity(a, b) >= 0 ? a : b;
}

/**
 * Maps the labels scanners use to the one scale. Vocabularies seen in real reports:
 * CRITICAL/HIGH/MEDIUM/LOW (trivy, semgrep ≥1.8x, bandit), moderate (npm, GitHub),
 * ERROR/WARNING/INFO/NOTE (semgrep, SARIF levels are handled by the SARIF adapter),
 * Negligible (grype), important (Red Hat). Anything unrecognised stays `unknown`.
 */
export function severityFromLabel(label: string | null | undefined): Severity {
  if (typeof label !== 'string') return 'unknown';
  switch (label.trim().toLowerCase()) {
    case 'critical':
    case 'crit':
      return 'critical';
    case 'high':
    case 'important':
    case 'error':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'warning':
    case 'med':
      return 'medium';
    case 'low':
    case 'minor':
      return 'low';
    case 'info':
    case 'informational':
    case 'note':
    case 'negligible':
    case 'none':
      return 'info';
    default:
      return 'unknown';
  }
}

/** CVSS qualitative rating scale (v3.x and v4.0 share it): 0 none, 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9–10 critical. */
export function severityFromCvssScore(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
