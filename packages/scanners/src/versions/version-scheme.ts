import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';

/**
 * How one ecosystem orders its versions. `valid` says whether a string is a version of this
 * scheme at all: a version that is not cannot be placed in a range, and the caller must say so
 * (undecidable) instead of guessing "not affected".
 */
export interface VersionScheme {
  name: 'semver' | 'pep440';
  valid(version: string): boolean;
  /** Negative, zero or positive, as the ecosystem orders the two (both must be valid). */
  compare(a: string, b: string): number;
}

/**
 * npm and OSV `SEMVER` ranges: SemVer 2.0 precedence (pre-releases sort before their release,
 * build metadata is ignored), as the `semver` package implements it. A leading "v" is tolerated
 * because some lockfiles write it.
 */
export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (version) => semver.valid(version) !== null,
  compare: (a, b) => semver.compare(a, b),
};

/**
 * PyPI: PEP 440 ordering and normalisation (1.0 == 1.0.0, 1.0.dev1 < 1.0rc1 < 1.0 < 1.0.post1,
 * epochs, local versions) as `@renovatebot/pep440` implements it.
 */
export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  valid: (version) => pep440.valid(version) !== null,
  compare: (a, b) => pep440.compare(a, b),
};

/**
 * The scheme OSV's range type and the package's ecosystem call for: `SEMVER` ranges are SemVer
 * whatever the ecosystem; `ECOSYSTEM` ranges need the ecosystem's own ordering, known here for npm
 * and PyPI. Undefined: this range cannot be evaluated here (GIT ranges, other ecosystems' orders).
 */
export function schemeFor(ecosystem: string, rangeType: string): VersionScheme | undefined {
  if (rangeType === 'SEMVER') return semverScheme;
  if (rangeType !== 'ECOSYSTEM') return undefined;
  return ecosystemScheme(ecosystem);
}

/**
 * The version order of an ecosystem, when Gatehouse knows it: npm and PyPI, and the ecosystems
 * whose versions are SemVer (Go modules without their "v", crates.io).
 */
export function ecosystemScheme(ecosystem: string): VersionScheme | undefined {
  const base = ecosystem.split(':')[0];
  if (base === 'npm' || base === 'Go' || base === 'crates.io') return semverScheme;
  if (base === 'PyPI') return pep440Scheme;
  return undefined;
}

/** Equality as the scheme sees it (PEP 440: 1.0 == 1.0.0), falling back to the exact string. */
export function sameVersion(scheme: VersionScheme | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  if (!scheme || !scheme.valid(a) || !scheme.valid(b)) return false;
  return scheme.compare(a, b) === 0;
}
