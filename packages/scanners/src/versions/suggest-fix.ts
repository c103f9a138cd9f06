import type { Finding } from '@gatehouse/findings';
import { ecosystemScheme } from './version-scheme';
import { smallestFixingVersion } from './fix-versions';

/**
 * The version a summary should suggest for a (merged) dependency finding: the smallest of its fix
 * versions above every installed version it lists, in its ecosystem's order. Undefined when there
 * is none or the ecosystem's order is unknown.
 */
export function suggestedFixVersion(finding: Pick<Finding, 'location' | 'fix'>): string | undefined {
  const loc = finding.location;
  if (loc.kind !== 'package' && loc.kind !== 'image') return undefined;
  const ecosystem = loc.kind === 'package' ? loc.ecosystem : undefined;
  const scheme = ecosystem ? ecosystemScheme(ecosystem) : undefined;
  if (!ecosystem || !scheme) return undefined;
  const installed = [...new Set([loc.version, ...(loc.installedVersions ?? [])].filter((v): v is string => !!v && scheme.valid(v)))];
  if (installed.length === 0) return undefined;
  const highest = installed.reduce((a, b) => (scheme.compare(a, b) >= 0 ? a : b));
  return smallestFixingVersion(ecosystem, highest, finding.fix.versions);
}

/**
 * Findings with their fix advice set to "upgrade <name> to <smallest fix>" where that can be
 * computed — after merging, when several engines' fix versions are united. Others are unchanged.
 */
export function withSuggestedFixes<T extends Pick<Finding, 'location' | 'fix'>>(findings: readonly T[]): T[] {
  return findings.map((f) => {
    const version = suggestedFixVersion(f);
    if (!version || f.location.kind !== 'package') return f;
    return { ...f, fix: { ...f.fix, available: true, advice: `upgrade ${f.location.name} to ${version}` } };
  });
}
