import { normalisePypiName, type Finding } from '@gatehouse/findings';
import type { PackageRef } from './package-ref';

const nameKey = (ecosystem: string, name: string) => `${ecosystem}\u0000${ecosystem === 'PyPI' ? normalisePypiName(name) : name}`;
const refKey = (p: Pick<PackageRef, 'manifest' | 'ecosystem' | 'name' | 'version'>) => `${p.manifest}\u0000${nameKey(p.ecosystem, p.name)}\u0000${p.version}`;

export interface PackageSetChange {
  /** Package versions in a head manifest that the same manifest did not have at the base. */
  added: PackageRef[];
  /** Package versions the base had that the head no longer has. */
  removed: PackageRef[];
  /** Manifests the head has and the base did not (every package in them is added). */
  newManifests: string[];
}

/** What a pull request changed in the packages its manifests pin, manifest by manifest. */
export function diffPackageSets(base: readonly PackageRef[], head: readonly PackageRef[]): PackageSetChange {
  const baseKeys = new Set(base.map(refKey));
  const headKeys = new Set(head.map(refKey));
  const baseManifests = new Set(base.map((p) => p.manifest));
  const uniq = (list: readonly PackageRef[]) => [...new Map(list.map((p) => [refKey(p), p])).values()];
  return {
    added: uniq(head.filter((p) => !baseKeys.has(refKey(p)))),
    removed: uniq(base.filter((p) => !headKeys.has(refKey(p)))),
    newManifests: [...new Set(head.map((p) => p.manifest))].filter((m) => !baseManifests.has(m)).sort(),
  };
}

/**
 * Marks dependency findings `isNew` when the pull request brought in the vulnerable package version:
 * its manifest (or, for findings without one, any manifest) gained that name and version. A
 * vulnerability of a package the base already had is not new, even when it was published since:
 * block-new-only mode then blocks only what the PR's lockfile changes introduced. Other findings
 * (code, secrets, images) are returned unchanged.
 */
export function markNewFindings<T extends Finding>(findings: readonly T[], change: PackageSetChange): T[] {
  const addedInManifest = new Set(change.added.map(refKey));
  const addedAnywhere = new Set(change.added.map((p) => `${nameKey(p.ecosystem, p.name)}\u0000${p.version}`));
  return findings.map((finding) => {
    const loc = finding.location;
    if (loc.kind !== 'package') return finding;
    const versions = [...new Set([loc.version, ...(loc.installedVersions ?? [])].filter((v) => v !== ''))];
    const isNew = versions.some((version) =>
      loc.manifest
        ? addedInManifest.has(refKey({ manifest: loc.manifest, ecosystem: loc.ecosystem, name: loc.name, version }))
        : addedAnywhere.has(`${nameKey(loc.ecosystem, loc.name)}\u0000${version}`),
    );
    return { ...finding, isNew };
  });
}
