import type { RatedSeverity, Severity } from '@gatehouse/findings';

const BASE: Record<string, Severity> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };
const ONE_LOWER: Partial<Record<Severity, Severity>> = { high: 'medium', medium: 'low', low: 'low' };

/**
 * Bandit rates each issue twice: severity (how bad if real) and confidence (how likely real).
 * One severity (docs/engines/bandit.md): bandit's severity, one step lower when its confidence is
 * LOW, never below low; HIGH and MEDIUM confidence keep it. UNDEFINED severity stays unknown.
 *
 * | severity \ confidence | HIGH   | MEDIUM | LOW    |
 * |-----------------------|--------|--------|--------|
 * | HIGH                  | high   | high   | medium |
 * | MEDIUM                | medium | medium | low    |
 * | LOW                   | low    | low    | low    |
 */
export function banditSeverity(severity: string, confidence: string | undefined): RatedSeverity {
  const sev = severity.trim().toUpperCase();
  const conf = (confidence ?? 'UNDEFINED').trim().toUpperCase();
  const base = BASE[sev];
  if (!base) return { severity: 'unknown', severityBasis: { kind: 'none' } };
  const rated = conf === 'LOW' ? (ONE_LOWER[base] ?? base) : base;
  return { severity: rated, severityBasis: { kind: 'tool', label: `${sev} severity, ${conf} confidence`, source: 'bandit' } };
}

export function banditConfidence(confidence: string | undefined): 'high' | 'medium' | 'low' | undefined {
  const conf = confidence?.trim().toUpperCase();
  return conf === 'HIGH' ? 'high' : conf === 'MEDIUM' ? 'medium' : conf === 'LOW' ? 'low' : undefined;
}
