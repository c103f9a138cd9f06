import type { SecretRuleDefinition } from './definition';
import { shannonEntropy } from './entropy';
import { pathMatchesAnyGlob } from './path-glob';
import { SECRET_RULES } from './rules';
import { secretlintRegexString } from './render-secretlint';

export interface SecretRuleMatch {
  ruleId: string;
  value: string;
  /** Offsets of the value in the text, end exclusive. */
  start: number;
  end: number;
}

const regexCache = new Map<string, RegExp>();

function compile(regexLike: string): RegExp {
  let re = regexCache.get(regexLike);
  if (!re) {
    const parsed = /^\/(.+)\/([a-z]*)$/s.exec(regexLike);
    if (!parsed) throw new Error(`not a RegExp-like string: ${regexLike}`);
    // The same flags secretlint's pattern rule adds: unicode and global.
    re = new RegExp(parsed[1]!, `${parsed[2]}ug`);
    regexCache.set(regexLike, re);
  }
  re.lastIndex = 0;
  return re;
}

/** What the pattern rule cannot check: the entropy threshold and value allowlists. */
export function passesSecretRuleFilters(rule: SecretRuleDefinition, value: string): boolean {
  if (rule.entropy !== undefined && shannonEntropy(value) < rule.entropy) return false;
  for (const allowed of rule.allowlistValues ?? []) {
    if (new RegExp(allowed.pattern, allowed.caseInsensitive ? 'iu' : 'u').test(value)) return false;
  }
  return true;
}

/**
 * The rules applied in plain JavaScript with exactly the regexes rendered for secretlint: for
 * checking text without a scanner (tests, the demo's self-check).
 */
export function findSecretRuleMatches(
  text: string,
  path: string,
  rules: readonly SecretRuleDefinition[] = SECRET_RULES,
): SecretRuleMatch[] {
  const matches: SecretRuleMatch[] = [];
  for (const rule of rules) {
    if (pathMatchesAnyGlob(path, rule.allowlistPaths)) continue;
    for (const m of text.matchAll(compile(secretlintRegexString(rule)))) {
      const value = m[0];
      if (value === '' || !passesSecretRuleFilters(rule, value)) continue;
      matches.push({ ruleId: rule.id, value, start: m.index, end: m.index + value.length });
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
