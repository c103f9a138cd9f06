import { normaliseVulnId } from '@gatehouse/findings';
import type { GrypeMatch } from './schema';

/**
 * grype reports one match per vulnerability record that matched a package: the GHSA record and the
 * NVD record of one CVE are two matches (`GHSA-…` with the CVE among its related vulnerabilities,
 * and `CVE-…` from a CPE match). Gatehouse counts one finding per vulnerability per package per
 * target, so matches of one package whose ids are linked (directly or through related
 * vulnerabilities) form one group. Union-find over (package, id) keeps this linear.
 */
export interface MatchGroup {
  matches: GrypeMatch[];
  /** Index of the group's first match in the report, for stable ordering and error positions. */
  first: number;
}

/** One package: grype's package id when it wrote one, else the purl (or name and version) and where it was found. */
export function artifactKey(match: GrypeMatch): string {
  const a = match.artifact;
  if (a.id) return `id:${a.id}`;
  const paths = (a.locations ?? []).map((l) => l.path).join('\u0001');
  return `pkg:${a.purl || `${a.type ?? ''}/${a.name}@${a.version}`}\u0000${paths}`;
}

export function vulnerabilityIdsOf(match: GrypeMatch): string[] {
  const ids = [match.vulnerability.id, ...(match.relatedVulnerabilities ?? []).map((r) => r.id)];
  return [...new Set(ids.map((id) => normaliseVulnId(id)).filter((id) => id !== ''))];
}

export function groupMatches(matches: readonly { match: GrypeMatch; index: number }[]): MatchGroup[] {
  const parent = matches.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const owner = new Map<string, number>();
  matches.forEach(({ match }, i) => {
    const pkg = artifactKey(match);
    for (const id of vulnerabilityIdsOf(match)) {
      const key = `${pkg}\u0000${id}`;
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else {
        const a = find(seen);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, MatchGroup>();
  matches.forEach(({ match, index }, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.matches.push(match);
    else groups.set(root, { matches: [match], first: index });
  });
  return [...groups.values()].sort((a, b) => a.first - b.first);
}
