import type { Severity } from '@gatehouse/findings';

/**
 * One custom secret rule, defined once and rendered for each engine that runs it (secretlint's
 * pattern rule now, gitleaks TOML later). Regex pieces use the subset that Go's RE2 and JavaScript
 * (with the `u` flag) read the same way: no lookaround, no backreferences, no capturing groups
 * (`(?:…)` only), so each renderer can add its own group or lookaround around the secret.
 */
export interface SecretRuleDefinition {
  /** Stable id, kebab-case, prefixed `gatehouse-`: the finding's ruleId in every engine. */
  id: string;
  description: string;
  /** Context that must come right before the secret (a key name and `=`); not part of the value. */
  prefix?: string;
  /** The secret value itself: what is hashed, masked and reported. */
  secret: string;
  /** What must come right after the secret (a quote, whitespace, end of text). */
  suffix?: string;
  caseInsensitive?: boolean;
  /** Lower-case words one of which must occur near a match (gitleaks uses them to pre-filter). */
  keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret; matches below it are not reported. */
  entropy?: number;
  /** Globs of paths where the rule never reports (test fixtures, lockfiles, example env files). */
  allowlistPaths: readonly string[];
  /** Values known not to be secrets (documentation examples, placeholders); a match anywhere in the value allows it. */
  allowlistValues?: readonly ValuePattern[];
  /** Only when the rule's findings are not as serious as a leaked credential (publishable keys). */
  severity?: Severity;
  /** Why `severity` differs from the category default; shown as the severity basis. */
  severityReason?: string;
}

/** A regex (RE2/JS subset) with its case flag kept apart: JavaScript has no inline `(?i)`. */
export interface ValuePattern {
  pattern: string;
  caseInsensitive?: boolean;
}
