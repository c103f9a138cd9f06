import type { SecretRuleDefinition } from './definition';
import { globToRegexSource } from './path-glob';
import { gitleaksRuleFields } from './render-gitleaks';

/**
 * A TOML string for a regex: a multi-line literal string (`'''…'''`, no escaping, so the regex reads
 * exactly as RE2 gets it) unless the text holds `'''` or a line break, then a basic string with
 * JSON's escapes, which are also TOML's.
 */
export function tomlString(value: string): string {
  if (!value.includes("'''") && !/[\r\n]/.test(value) && !value.endsWith("''")) return `'''${value}'''`;
  return JSON.stringify(value);
}

const tomlArray = (values: readonly string[], indent = '  ') =>
  values.length === 0 ? '[]' : `[\n${values.map((v) => `${indent}${tomlString(v)},`).join('\n')}\n]`;

export interface GitleaksTomlOptions {
  title: string;
  /** Comment lines written at the top (without `#`). */
  header?: readonly string[];
  /** `[extend] useDefault = true`: the rules are added to gitleaks' own. */
  useDefault: boolean;
  /**
   * Paths (globs) no rule reports in, gitleaks' own rules included: the global `[allowlist]` (the
   * form gitleaks' own default config uses; a rule's allowlist then only lists what is its own).
   */
  globalAllowlistPaths?: readonly string[];
  globalAllowlistDescription?: string;
}

/**
 * gitleaks v8 TOML for rules defined once in `rules.ts`. `[[rules.allowlists]]` needs a recent
 * gitleaks (`minVersion` as gitleaks' own default config says); the pinned build is 8.30.1.
 */
export function renderGitleaksToml(rules: readonly SecretRuleDefinition[], options: GitleaksTomlOptions): string {
  const out: string[] = [];
  for (const line of options.header ?? []) out.push(line === '' ? '#' : `# ${line}`);
  if (out.length > 0) out.push('');
  out.push(`title = ${JSON.stringify(options.title)}`, 'minVersion = "v8.25.0"', '');
  if (options.useDefault) out.push('[extend]', 'useDefault = true', '');
  if (options.globalAllowlistPaths && options.globalAllowlistPaths.length > 0) {
    out.push('[allowlist]');
    if (options.globalAllowlistDescription) out.push(`description = ${JSON.stringify(options.globalAllowlistDescription)}`);
    out.push(`paths = ${tomlArray(options.globalAllowlistPaths.map(globToRegexSource))}`, '');
  }
  const global = new Set((options.globalAllowlistPaths ?? []).map(globToRegexSource));
  for (const rule of rules) {
    const fields = gitleaksRuleFields(rule);
    out.push('[[rules]]');
    out.push(`id = ${JSON.stringify(fields.id)}`);
    out.push(`description = ${JSON.stringify(fields.description)}`);
    out.push(`regex = ${tomlString(fields.regex)}`);
    out.push(`secretGroup = ${fields.secretGroup}`);
    if (fields.entropy !== undefined) out.push(`entropy = ${fields.entropy}`);
    out.push(`keywords = [${fields.keywords.map((k) => JSON.stringify(k)).join(', ')}]`);
    for (const allowlist of fields.allowlists) {
      const paths = allowlist.paths.filter((p) => !global.has(p));
      if (paths.length === 0 && allowlist.regexes.length === 0) continue;
      out.push('', '[[rules.allowlists]]');
      out.push(`description = ${JSON.stringify(paths.length > 0 ? allowlist.description : 'Gatehouse: placeholder and documentation values')}`);
      if (paths.length > 0) out.push(`paths = ${tomlArray(paths)}`);
      if (allowlist.regexes.length > 0) {
        out.push(`regexTarget = ${JSON.stringify(allowlist.regexTarget)}`);
        out.push(`regexes = ${tomlArray(allowlist.regexes)}`);
      }
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
