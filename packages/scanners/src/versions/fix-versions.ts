import { ecosystemScheme } from './version-scheme';

/**
 * Fix versions, deduplicated and in the ecosystem's order (lowest first); strings the ecosystem's
 * order cannot place keep their relative order after the others.
 */
export function sortVersions(ecosystem: string, versions: Iterable<string>): string[] {
  const scheme = ecosystemScheme(ecosystem);
  const unique = [...new Set(versions)].filter((v) => v !== '');
  if (!scheme) return unique;
  const valid = unique.filter((v) => scheme.valid(v));
  const invalid = unique.filter((v) => !scheme.valid(v));
  valid.sort((a, b) => scheme.compare(a, b));
  // 1.0 and 1.0.0 are one version under PEP 440: keep the first spelling.
  const distinct = valid.filter((v, i) => i === 0 || scheme.compare(valid[i - 1]!, v) !== 0);
  return [...distinct, ...invalid];
}

/**
 * The smallest version above `installed` that fixes the vulnerability: the summary suggests it.
 * `stillAffected` (when given) rejects a candidate that another range of the advisory still covers,
 * so a fix on an older branch is never suggested for a newer install. Undefined when the ecosystem's
 * order is unknown, the installed version does not parse, or no fixed version lies above it.
 */
export function smallestFixingVersion(
  ecosystem: string,
  installed: string,
  fixedVersions: Iterable<string>,
  stillAffected?: (candidate: string) => boolean,
): string | undefined {
  const scheme = ecosystemScheme(ecosystem);
  if (!scheme || !scheme.valid(installed)) return undefined;
  for (const candidate of sortVersions(ecosystem, fixedVersions)) {
    if (!scheme.valid(candidate) || scheme.compare(candidate, installed) <= 0) continue;
    if (stillAffected?.(candidate)) continue;
    return candidate;
  }
  return undefined;
}
