import { severityFromCvssScore, type RatedSeverity, type Severity } from '@gatehouse/findings';
import type { SarifResult, SarifRule } from './schema';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
const LEVELS: readonly string[] = ['none', 'note', 'warning', 'error'];

/** SARIF levels on the one scale: a `note` is still a reported problem, so it is `low`, not `info`. */
const LEVEL_SEVERITY: Record<SarifLevel, Severity> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

export interface EffectiveLevel {
  level: SarifLevel;
  from: 'result' | 'rule' | 'specification';
}

const asLevel = (value: string | undefined): SarifLevel | undefined => {
  const lower = value?.toLowerCase();
  return lower !== undefined && LEVELS.includes(lower) ? (lower as SarifLevel) : undefined;
};

/**
 * SARIF §3.27.10: a result without `level` takes its rule's `defaultConfiguration.level`, then
 * `warning`; a result whose `kind` is not `fail` defaults to `none`.
 */
export function effectiveLevel(result: SarifResult, rule: SarifRule | undefined): EffectiveLevel {
  const own = asLevel(result.level);
  if (own) return { level: own, from: 'result' };
  if (result.kind !== undefined && result.kind !== 'fail') return { level: 'none', from: 'specification' };
  const ruleDefault = asLevel(rule?.defaultConfiguration?.level);
  if (ruleDefault) return { level: ruleDefault, from: 'rule' };
  return { level: 'warning', from: 'specification' };
}

/** GitHub's `security-severity` property: a number from 0 to 10 (as a string or a number). */
export function securitySeverityScore(rule: SarifRule | undefined, result: SarifResult): number | undefined {
  for (const bag of [result.properties, rule?.properties]) {
    const raw = bag?.['security-severity'];
    const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (Number.isFinite(score) && score >= 0 && score <= 10) return score;
  }
  return undefined;
}

export interface SarifRating extends RatedSeverity {
  nativeSeverity: string;
}

/**
 * `security-severity` is a CVSS-like score the tool assigns to its rule (CodeQL, trivy, grype):
 * it is the tool's rating, read on the CVSS qualitative scale, not a CVSS vector we can check.
 * Without it the level decides. The spec's default level is a `default` basis, not the tool's word.
 */
export function rateSarifResult(result: SarifResult, rule: SarifRule | undefined, toolName: string): SarifRating {
  const level = effectiveLevel(result, rule);
  const score = securitySeverityScore(rule, result);
  if (score !== undefined) {
    return {
      severity: severityFromCvssScore(score),
      severityBasis: { kind: 'tool', label: `security-severity ${score}`, source: toolName },
      nativeSeverity: String(score),
    };
  }
  const severity = LEVEL_SEVERITY[level.level];
  if (level.from === 'specification') {
    return {
      severity,
      severityBasis: { kind: 'default', reason: `SARIF default level "${level.level}" (neither the result nor its rule has a level)` },
      nativeSeverity: level.level,
    };
  }
  return {
    severity,
    severityBasis: { kind: 'tool', label: `level ${level.level}${level.from === 'rule' ? ' (rule default)' : ''}`, source: toolName },
    nativeSeverity: level.level,
  };
}
