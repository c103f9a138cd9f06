import type { SecretRuleDefinition, ValuePattern } from './definition';
import { SECRET_RULES } from './rules';

/** Options of `@secretlint/secretlint-rule-pattern`, as its README documents them. */
export interface SecretlintPatternOptions {
  /** RegExp-like strings (`/…/flags`); a match whose text matches one of them is not reported. */
  allows: string[];
  patterns: { name: string; patterns: string[]; filePathGlobs: string[] }[];
}

/**
 * The JavaScript regex of a rule, as a RegExp-like string: the pattern rule reports the whole
 * match, so the context before and after the secret becomes lookbehind and lookahead and the match
 * is exactly the secret value.
 */
export function secretlintRegexString(rule: SecretRuleDefinition): string {
  const before = rule.prefix ? `(?<=${rule.prefix})` : '';
  const after = rule.suffix ? `(?=${rule.suffix})` : '';
  return `/${before}${rule.secret}${after}/${rule.caseInsensitive ? 'i' : ''}`;
}

export function secretlintValueAllow(value: ValuePattern): string {
  return `/${value.pattern}/${value.caseInsensitive ? 'i' : ''}`;
}

/**
 * Renders the rules as the pattern rule's options. Path allowlists become negated `filePathGlobs`
 * (the rule reports only when a path matches `**` and none of the negations). The pattern rule has
 * one `allows` list for all patterns, so per-rule value allowlists are united there; they are
 * placeholders and documentation examples, never something a real secret of another rule contains.
 * Entropy thresholds cannot be expressed as options: the runner filters on them (`passesSecretRuleFilters`).
 */
export function secretlintPatternOptions(rules: readonly SecretRuleDefinition[] = SECRET_RULES): SecretlintPatternOptions {
  const allows = new Set<string>();
  for (const rule of rules) for (const value of rule.allowlistValues ?? []) allows.add(secretlintValueAllow(value));
  return {
    allows: [...allows],
    patterns: rules.map((rule) => ({
      name: rule.id,
      patterns: [secretlintRegexString(rule)],
      filePathGlobs: ['**', ...rule.allowlistPaths.map((glob) => `!${glob}`)],
    })),
  };
}
