import { normaliseVulnId } from '@gatehouse/findings';
import { packageKey, type PackageRef } from '../manifests/package-ref';
import { evaluateAffected, fixedVersionsOf, lastAffectedVersionsOf } from '../versions/osv-range';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import type { OsvDatabase } from './osv-database';
import type { OsvAffected, OsvRecord } from './osv-record';

/** One package's vulnerability: the records of one alias group that affect it. */
export interface MatchedGroup {
  /** Record ids that matched, sorted. */
  ids: string[];
  /** Every id of the group (record ids and their aliases), normalised and sorted. */
  aliases: string[];
  records: OsvRecord[];
  /** Versions the records' `fixed` events name for this package, lowest first. */
  fixed: string[];
  lastAffected: string[];
  /** The smallest fixed version above the installed one that no record of the group still covers. */
  smallestFix?: string;
}

export interface PackageMatch {
  pkg: PackageRef;
  groups: MatchedGroup[];
}

export interface MatchOutcome {
  matches: PackageMatch[];
  /** Records that could not be evaluated for a package: the scan is incomplete for it. */
  undecidable: { pkg: PackageRef; id: string; reason: string }[];
}

function affectedEntriesFor(record: OsvRecord, pkg: PackageRef): OsvAffected[] {
  const key = packageKey(pkg.ecosystem, pkg.name);
  return (record.affected ?? []).filter((a) => a.package && packageKey(a.package.ecosystem.split(':')[0]!, a.package.name) === key);
}

/** Groups records whose ids or aliases meet (aliases are symmetric and transitive, as the OSV schema says). */
function groupByAliases(records: OsvRecord[]): OsvRecord[][] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  records.forEach((record, i) => {
    for (const id of [record.id, ...(record.aliases ?? [])]) {
      const key = normaliseVulnId(id);
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, OsvRecord[]>();
  records.forEach((record, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(record);
    else groups.set(root, [record]);
  });
  return [...groups.values()];
}

/**
 * Matches packages against the loaded records with the ecosystem's own version order (npm semver,
 * PEP 440) and the OSV evaluation rules, then unites records of one vulnerability (PYSEC-x and
 * GHSA-y that alias the same CVE) into one group per package.
 */
export function matchPackages(packages: readonly PackageRef[], database: OsvDatabase): MatchOutcome {
  const outcome: MatchOutcome = { matches: [], undecidable: [] };
  for (const pkg of packages) {
    const hits: { record: OsvRecord; entries: OsvAffected[] }[] = [];
    for (const record of database.recordsFor(pkg.ecosystem, pkg.name)) {
      const entries = affectedEntriesFor(record, pkg);
      let affected = false;
      for (const entry of entries) {
        const verdict = evaluateAffected(pkg.version, pkg.ecosystem, { ranges: entry.ranges ?? [], versions: entry.versions ?? [] });
        if (verdict.kind === 'affected') affected = true;
        else if (verdict.kind === 'undecidable') outcome.undecidable.push({ pkg, id: record.id, reason: verdict.reason });
      }
      if (affected) hits.push({ record, entries });
    }
    if (hits.length === 0) continue;
    const entriesOf = new Map(hits.map((h) => [h.record, h.entries]));
    const groups = groupByAliases(hits.map((h) => h.record)).map((records): MatchedGroup => {
      const entries = records.flatMap((r) => entriesOf.get(r)!);
      const fixed = sortVersions(pkg.ecosystem, entries.flatMap(fixedVersionsOf));
      const lastAffected = sortVersions(pkg.ecosystem, entries.flatMap(lastAffectedVersionsOf));
      const stillAffected = (candidate: string) =>
        entries.some((e) => evaluateAffected(candidate, pkg.ecosystem, { ranges: e.ranges ?? [], versions: e.versions ?? [] }).kind === 'affected');
      const smallestFix = smallestFixingVersion(pkg.ecosystem, pkg.version, fixed, stillAffected);
      const ids = records.map((r) => r.id).sort();
      const aliases = [...new Set(records.flatMap((r) => [r.id, ...(r.aliases ?? [])]).map(normaliseVulnId))].sort();
      return { ids, aliases, records, fixed, lastAffected, ...(smallestFix ? { smallestFix } : {}) };
    });
    outcome.matches.push({ pkg, groups });
  }
  return outcome;
}
