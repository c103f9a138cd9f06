import { baseIdentityKey, identityFromKey, packageScope, vulnerabilityIds } from './identity';
import type { Finding, Fix, Identifier, Source } from './schema';
import { pickBestRating } from './severity-basis';
import { normaliseVulnId } from './vulnerability-id';

/**
 * Unites findings of one identity. Vulnerability findings of one package (in one manifest or image)
 * unite across their aliases: if one engine says CVE-x, another GHSA-y, and either knows that the two
 * are the same, they become one finding whose aliases are the union of the group, whose id is
 * recomputed from the group's canonical id, and whose severity is the one with the best basis.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const groups = groupByIdentity(findings);
  return groups.map((group) => (group.length === 1 ? group[0]! : mergeGroup(group)));
}

function groupByIdentity(findings: readonly Finding[]): Finding[][] {
  const parent = findings.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byId = new Map<string, number>();
  const byScopedAlias = new Map<string, number>();
  findings.forEach((f, i) => {
    const seen = byId.get(f.id);
    if (seen === undefined) byId.set(f.id, i);
    else union(seen, i);
    const scope = packageScope(f);
    if (scope === undefined) return;
    for (const id of vulnerabilityIds(f)) {
      const key = `${f.category}\u0000${scope}\u0000${normaliseVulnId(id)}`;
      const other = byScopedAlias.get(key);
      if (other === undefined) byScopedAlias.set(key, i);
      else union(other, i);
    }
  });
  const groups = new Map<number, Finding[]>();
  findings.forEach((f, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(f);
    else groups.set(root, [f]);
  });
  return [...groups.values()];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function mergeFix(fixes: readonly Fix[]): Fix {
  const versions = [...new Set(fixes.flatMap((f) => f.versions))];
  const states = new Set(fixes.map((f) => f.state));
  const state: Fix['state'] = states.has('fixed')
    ? 'fixed'
    : states.has('wont_fix')
      ? 'wont_fix'
      : states.has('not_fixed')
        ? 'not_fixed'
        : 'unknown';
  const advice = fixes.find((f) => f.advice)?.advice;
  return { available: fixes.some((f) => f.available) || versions.length > 0, versions, state, ...(advice ? { advice } : {}) };
}

function mergeGroup(group: Finding[]): Finding {
  const rating = pickBestRating(group);
  // The base is the member rated best, so its title and message match the severity shown.
  const base = group.find((f) => f.severityBasis === rating.severityBasis) ?? group[0]!;
  const aliases = [...new Set(group.flatMap((f) => vulnerabilityIds(f).map(normaliseVulnId)))].sort();
  const merged: Finding = {
    ...base,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    aliases: aliases.length ? aliases : [],
    identifiers: uniqueBy(
      group.flatMap((f) => f.identifiers),
      (i: Identifier) => `${i.type}:${i.value.toUpperCase()}`,
    ),
    sources: uniqueBy(
      group.flatMap((f) => f.sources),
      (s: Source) => `${s.engine}\u0000${s.nativeId}`,
    ),
    fix: mergeFix(group.map((f) => f.fix)),
  };
  const references = [...new Set(group.flatMap((f) => f.references ?? []))];
  if (references.length) merged.references = references.slice(0, 50);
  const tags = [...new Set(group.flatMap((f) => f.tags ?? []))];
  if (tags.length) merged.tags = tags.slice(0, 100);
  const loc = merged.location;
  if (loc.kind === 'package' || loc.kind === 'image') {
    const versions = new Set<string>();
    for (const f of group) {
      const l = f.location;
      if (l.kind === 'package' || l.kind === 'image') {
        if (l.version) versions.add(l.version);
        for (const v of l.installedVersions ?? []) versions.add(v);
      }
    }
    merged.location = { ...loc, installedVersions: [...versions].sort() };
  }
  // Suppressed only when every engine's report of it was suppressed: one engine's inline comment
  // does not silence what another engine found.
  const open = group.find((f) => f.status === 'open');
  if (open) {
    merged.status = 'open';
    delete merged.suppression;
  }
  const firstSeen = group.map((f) => f.firstSeen).filter((d): d is string => !!d).sort()[0];
  if (firstSeen) merged.firstSeen = firstSeen;
  if (group.some((f) => f.isNew)) merged.isNew = true;
  // A vulnerability group takes the id of its canonical alias; code findings united by id keep it.
  if (packageScope(merged) !== undefined) merged.id = identityFromKey(baseIdentityKey(merged), 0);
  return merged;
}
