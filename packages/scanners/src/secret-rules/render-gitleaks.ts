import type { SecretRuleDefinition, ValuePattern } from './definition';
import { globToRegexSource } from './path-glob';

/**
 * The fields of one gitleaks `[[rules]]` entry (gitleaks v8 config). Gitleaks reads Go RE2, which
 * has no lookaround: the context goes around a capturing group and `secretGroup` points at it.
 * Rendering these fields as TOML is left to the gitleaks engine's config writer.
 */
export interface GitleaksRuleFields {
  id: string;
  description: string;
  regex: string;
  secretGroup: number;
  keywords: string[];
  entropy?: number;
  allowlists: { description: string; paths: string[]; regexTarget: 'secret'; regexes: string[] }[];
}

function re2(value: ValuePattern): string {
  return `${value.caseInsensitive ? '(?i)' : ''}${value.pattern}`;
}

export function gitleaksRuleFields(rule: SecretRuleDefinition): GitleaksRuleFields {
  const allowlist = {
    description: 'Gatehouse default allowlist: fixtures, lockfiles, example files, placeholder values',
    paths: rule.allowlistPaths.map(globToRegexSource),
    regexTarget: 'secret' as const,
    regexes: (rule.allowlistValues ?? []).map(re2),
  };
  return {
    id: rule.id,
    description: rule.description,
    regex: `${rule.caseInsensitive ? '(?i)' : ''}${rule.prefix ?? ''}(${rule.secret})${rule.suffix ?? ''}`,
    // The pieces hold no capturing groups of their own (a test checks), so the secret is group 1.
    secretGroup: 1,
    keywords: [...rule.keywords],
    ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}),
    allowlists: [allowlist],
  };
}
