import type { Finding, Suppression } from '@gatehouse/findings';
import type { EffectiveRules } from '../schema/rules';
import type { VexStatement } from '../vex/vex-statement';
import type { CompiledException } from './exception-index';

/**
 * Which suppression a finding brings with it survives evaluation. Inline ones (nosec, nosemgrep,
 * gitleaks:allow) stay unless the category's rules refuse them; a scanner's own baseline (e.g.
 * detect-secrets' audited `.secrets.baseline`, read from the base ref) stays. Exception and VEX
 * suppressions are the policy's to give: one arriving from an earlier evaluation is dropped and
 * decided again, so a re-run with the base branch's policy cannot inherit a weaker decision.
 */
export type CarriedSuppression =
  | { kind: 'kept'; suppression: Suppression }
  | { kind: 'inline-refused' }
  | { kind: 'none' };

export function carriedSuppression(finding: Finding, rules: EffectiveRules): CarriedSuppression {
  const suppression = finding.status === 'suppressed' ? finding.suppression : undefined;
  if (!suppression) return { kind: 'none' };
  if (suppression.kind === 'baseline') return { kind: 'kept', suppression };
  if (suppression.kind === 'inline') return rules.allowInlineSuppressions ? { kind: 'kept', suppression } : { kind: 'inline-refused' };
  return { kind: 'none' };
}

/** The valid exception that suppresses, when several match: the one that runs longest. */
export function bestValidException(matched: readonly CompiledException[]): CompiledException | undefined {
  let best: CompiledException | undefined;
  for (const candidate of matched) {
    if (candidate.state !== 'valid') continue;
    if (!best || candidate.expiresAt > best.expiresAt) best = candidate;
  }
  return best;
}

export function exceptionSuppression(compiled: CompiledException, policyFile: string): Suppression {
  const { exception } = compiled;
  const suppression: Suppression = {
    kind: 'exception',
    reason: exception.reason,
    owner: exception.owner,
    expiresAt: new Date(compiled.expiresAt).toISOString(),
    ref: `${policyFile}#exceptions[${compiled.index}]`,
  };
  return suppression;
}

export function vexSuppression(statement: VexStatement): Suppression {
  const why = statement.justification ?? statement.detail;
  return {
    kind: 'vex',
    reason: `${statement.status}${why ? `: ${why}` : ''}`.slice(0, 2_000),
    ref: statement.source.slice(0, 1_000),
  };
}
