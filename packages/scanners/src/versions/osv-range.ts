import { sameVersion, schemeFor, ecosystemScheme, type VersionScheme } from './version-scheme';

/** The parts of an OSV `affected[]` entry that decide whether a version is affected. */
export interface OsvAffectedVersions {
  ranges?: readonly { type: string; events: readonly OsvEvent[] }[] | null;
  versions?: readonly string[] | null;
}

/** One event of a range: exactly one of the four keys (the OSV schema's rule; records breaking it are refused earlier). */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export type AffectedVerdict =
  | { kind: 'affected'; by: 'versions' | 'ranges' }
  | { kind: 'not-affected' }
  /** The record cannot be evaluated for this version here: say so, never guess "not affected". */
  | { kind: 'undecidable'; reason: string };

type Bound = { kind: 'introduced' | 'fixed' | 'last_affected' | 'limit'; version: string };

function boundsOf(events: readonly OsvEvent[]): Bound[] {
  const bounds: Bound[] = [];
  for (const event of events) {
    if (event.introduced !== undefined) bounds.push({ kind: 'introduced', version: event.introduced });
    else if (event.fixed !== undefined) bounds.push({ kind: 'fixed', version: event.fixed });
    else if (event.last_affected !== undefined) bounds.push({ kind: 'last_affected', version: event.last_affected });
    else if (event.limit !== undefined) bounds.push({ kind: 'limit', version: event.limit });
  }
  return bounds;
}

/** "0" introduced sorts before every version; a limit containing "*" is infinity (OSV schema, "Special values"). */
const isZero = (b: Bound) => b.kind === 'introduced' && b.version === '0';
const isInfinite = (b: Bound) => b.kind === 'limit' && b.version.includes('*');

function compareBounds(scheme: VersionScheme, a: Bound, b: Bound): number {
  if (isZero(a) || isZero(b)) return isZero(a) && isZero(b) ? 0 : isZero(a) ? -1 : 1;
  if (isInfinite(a) || isInfinite(b)) return isInfinite(a) && isInfinite(b) ? 0 : isInfinite(a) ? 1 : -1;
  return scheme.compare(a.version, b.version);
}

/**
 * One range, evaluated exactly as the OSV schema's `IncludedInRanges` / `BeforeLimits` pseudocode
 * says: events sorted by version; `introduced` at or below v makes it vulnerable, `fixed` at or
 * below v or `last_affected` below v makes it not; only versions below some `limit` (default `*`)
 * count.
 */
function inRange(version: string, scheme: VersionScheme, events: readonly OsvEvent[]): boolean | string {
  const bounds = boundsOf(events);
  for (const bound of bounds) {
    if (isZero(bound) || isInfinite(bound)) continue;
    if (!scheme.valid(bound.version)) return `event ${bound.kind}: ${JSON.stringify(bound.version)} is not a ${scheme.name} version`;
  }
  const limits = bounds.filter((b) => b.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => isInfinite(l) || scheme.compare(version, l.version) < 0)) return false;
  const sorted = bounds.filter((b) => b.kind !== 'limit').sort((a, b) => compareBounds(scheme, a, b));
  let vulnerable = false;
  for (const bound of sorted) {
    if (bound.kind === 'introduced' && (isZero(bound) || scheme.compare(version, bound.version) >= 0)) vulnerable = true;
    else if (bound.kind === 'fixed' && scheme.compare(version, bound.version) >= 0) vulnerable = false;
    else if (bound.kind === 'last_affected' && scheme.compare(version, bound.version) > 0) vulnerable = false;
  }
  return vulnerable;
}

/**
 * Whether `version` of a package of `ecosystem` is affected by one OSV `affected[]` entry: listed in
 * `versions`, or inside any `SEMVER`/`ECOSYSTEM` range. `GIT` ranges need the repository's commit
 * graph and are left to the `versions` list, which the schema requires next to them. A range this
 * code cannot order (an ecosystem whose ordering it does not know, a version that does not parse)
 * makes the verdict undecidable unless the version is already known to be affected.
 */
export function evaluateAffected(version: string, ecosystem: string, affected: OsvAffectedVersions): AffectedVerdict {
  const listScheme = ecosystemScheme(ecosystem);
  if ((affected.versions ?? []).some((listed) => sameVersion(listScheme, version, listed))) return { kind: 'affected', by: 'versions' };
  let undecided: string | undefined;
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    const scheme = schemeFor(ecosystem, range.type);
    if (!scheme) {
      // osv.dev expands ECOSYSTEM ranges into `versions`, so a listed version was already found above.
      if (!(affected.versions?.length)) undecided ??= `${range.type} range of ecosystem ${ecosystem}: its version order is not known here`;
      continue;
    }
    if (!scheme.valid(version)) {
      undecided ??= `${JSON.stringify(version)} is not a ${scheme.name} version`;
      continue;
    }
    const result = inRange(version, scheme, range.events);
    if (typeof result === 'string') undecided ??= result;
    else if (result) return { kind: 'affected', by: 'ranges' };
  }
  return undecided ? { kind: 'undecidable', reason: undecided } : { kind: 'not-affected' };
}

/** The versions `fixed` events name in SEMVER/ECOSYSTEM ranges (GIT fixes are commits, not versions). */
export function fixedVersionsOf(affected: OsvAffectedVersions): string[] {
  const out: string[] = [];
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) if (event.fixed !== undefined) out.push(event.fixed);
  }
  return out;
}

/** The versions `last_affected` events name (no fix is known above them). */
export function lastAffectedVersionsOf(affected: OsvAffectedVersions): string[] {
  const out: string[] = [];
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) if (event.last_affected !== undefined) out.push(event.last_affected);
  }
  return out;
}
