import { classifyVulnId, normaliseVulnId } from '@gatehouse/findings';
import semver from 'semver';

/** The GHSA id in a GitHub advisory URL (npm ≥ 7 links every advisory there). */
export function ghsaFromUrl(url: string | undefined): string | undefined {
  const match = /\/advisories\/(GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b/i.exec(url ?? '');
  return match ? normaliseVulnId(match[1]!) : undefined;
}

/** CWE-n identifiers from npm's `cwe` list; npm writes placeholders such as `cwe-0` that name nothing. */
export function cweIds(cwe: readonly string[] | string | undefined): string[] {
  const list = typeof cwe === 'string' ? [cwe] : (cwe ?? []);
  return [...new Set(list.map((c) => /^cwe-(\d{1,6})$/i.exec(c.trim())?.[1]).filter((n): n is string => !!n && n !== '0').map((n) => `CWE-${n}`))];
}

/**
 * Versions a vulnerable range says are fixed: the bounds of its `<` comparators (`<0.2.1 ||
 * >=1.0.0 <1.2.3` → 0.2.1, 1.2.3). `<=` bounds name the last affected version, not a fix.
 */
export function fixedVersionsOfRange(range: string | undefined): string[] {
  if (!range) return [];
  try {
    const parsed = new semver.Range(range, { loose: true });
    return [...new Set(parsed.set.flat().filter((c) => c.operator === '<').map((c) => c.semver.version))];
  } catch {
    return [];
  }
}

/** The lowest versions a `>=` patched range (npm 6's `patched_versions`) starts at. */
export function patchedVersionsOfRange(range: string | undefined): string[] {
  if (!range) return [];
  try {
    const parsed = new semver.Range(range, { loose: true });
    return [...new Set(parsed.set.flat().filter((c) => c.operator === '>=' || c.operator === '').map((c) => c.semver.version).filter((v) => v !== '0.0.0'))];
  } catch {
    return [];
  }
}

export const isVulnId = (id: string) => classifyVulnId(id) !== 'OTHER';
