import { ConfigurationError, toRepoPath } from '@gatehouse/findings';
import type { SbomComponent, SbomDocument } from '@gatehouse/scanners';
import type { DependencySnapshot, SnapshotDependency, SnapshotManifest } from './snapshot';

/** One SBOM and, when every component came from one file, that file (cyclonedx-npm: the project's lockfile). */
export interface SnapshotPart {
  sbom: SbomDocument;
  /** Repository-relative manifest all components belong to; otherwise each component's own location decides. */
  manifest?: string;
}

export interface SnapshotContext {
  workspace: string;
  /** The commit the SBOM describes (GITHUB_SHA) and its ref (GITHUB_REF, `refs/heads/main`). */
  sha: string;
  ref: string;
  /**
   * Groups snapshots over time: GitHub keeps only the latest per correlator and detector, so it
   * must tell matrix legs apart (`<workflow>_<job>[_<matrix>]`).
   */
  correlator: string;
  /** The run (GITHUB_RUN_ID) and its URL. */
  jobId: string;
  jobUrl?: string;
  detector: { name: string; version: string; url: string };
  /** Where components with no location are filed: the SBOM's own path. */
  sbomPath: string;
  scanned?: Date;
}

export interface BuiltSnapshot {
  snapshot: DependencySnapshot;
  notes: string[];
}

/**
 * A component's manifest, from where the generator found it: cdxgen writes absolute paths under
 * the workspace, syft paths rooted at the scanned directory (`/web/package-lock.json`).
 */
function manifestOf(component: SbomComponent, workspace: string): string | undefined {
  const location = component.locations[0]?.replace(/\\/g, '/');
  if (!location) return undefined;
  const asWritten = toRepoPath(location, workspace);
  if (asWritten.ok) return asWritten.path;
  const rooted = toRepoPath(location.replace(/^\/+/, ''), workspace);
  return rooted.ok ? rooted.path : undefined;
}

function checkContext(context: SnapshotContext): void {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(context.sha)) throw new ConfigurationError(`dependency snapshot: ${JSON.stringify(context.sha.slice(0, 80))} is not a commit SHA`);
  if (!/^refs\/\S+$/.test(context.ref)) throw new ConfigurationError(`dependency snapshot: ref ${JSON.stringify(context.ref.slice(0, 200))} must start with refs/`);
  if (!context.correlator.trim() || !context.jobId.trim()) throw new ConfigurationError('dependency snapshot: the job correlator and id are required');
}

/**
 * The snapshot of one or more SBOMs: one manifest per file the packages came from (keyed by its
 * repository-relative path), each package by its purl with `direct`/`indirect` from the SBOM's
 * dependency graph (a dependency of the project itself is direct), `development` for packages
 * only needed to develop, and its direct dependencies' purls. Packages without a purl cannot be
 * matched to advisories by GitHub and are left out (counted in the notes).
 */
export function buildDependencySnapshot(parts: readonly SnapshotPart[], context: SnapshotContext): BuiltSnapshot {
  checkContext(context);
  const manifests = new Map<string, SnapshotManifest>();
  let withoutPurl = 0;
  let outside = 0;

  for (const { sbom, manifest } of parts) {
    const byRef = new Map(sbom.components.map((c) => [c.ref, c]));
    const rootRef = sbom.subject?.ref;
    const direct = new Set(rootRef ? (sbom.dependencies.get(rootRef) ?? []) : []);
    const dependents = new Set<string>();
    for (const [from, tos] of sbom.dependencies) if (from !== rootRef) for (const to of tos) dependents.add(to);

    for (const component of sbom.components) {
      if (component.ref === rootRef || component.scope === 'excluded') continue;
      if (!component.purl) {
        withoutPurl++;
        continue;
      }
      const own = manifest ?? manifestOf(component, context.workspace);
      if (manifest === undefined && component.locations.length > 0 && own === undefined) outside++;
      const key = own ?? context.sbomPath;
      let entry = manifests.get(key);
      if (!entry) {
        entry = { name: key, file: { source_location: key }, resolved: {} };
        manifests.set(key, entry);
      }
      const children = (sbom.dependencies.get(component.ref) ?? []).map((r) => byRef.get(r)?.purl).filter((p): p is string => !!p);
      const relationship: SnapshotDependency['relationship'] | undefined = !sbom.hasDependencyGraph
        ? undefined
        : direct.size > 0
          ? direct.has(component.ref) ? 'direct' : 'indirect'
          : dependents.has(component.ref) ? 'indirect' : 'direct';
      const existing = entry.resolved![component.purl];
      const dependency: SnapshotDependency = {
        package_url: component.purl,
        ...(relationship ? { relationship } : {}),
        scope: component.development ? 'development' : 'runtime',
        ...(children.length > 0 ? { dependencies: [...new Set(children)] } : {}),
      };
      // The same package reached twice in one manifest: direct and runtime win.
      if (existing) {
        if (existing.relationship === 'direct') dependency.relationship = 'direct';
        if (existing.scope === 'runtime') dependency.scope = 'runtime';
        dependency.dependencies = [...new Set([...(existing.dependencies ?? []), ...(dependency.dependencies ?? [])])];
        if (dependency.dependencies.length === 0) delete dependency.dependencies;
      }
      entry.resolved![component.purl] = dependency;
    }
  }

  const notes: string[] = [];
  const packages = [...manifests.values()].reduce((n, m) => n + Object.keys(m.resolved ?? {}).length, 0);
  notes.push(`dependency snapshot: ${packages} packages in ${manifests.size} manifests (${[...manifests.keys()].join(', ')})`);
  if (withoutPurl > 0) notes.push(`${withoutPurl} components have no package URL and are not submitted (GitHub matches advisories by purl)`);
  if (outside > 0) notes.push(`${outside} components were found outside the repository (an image layer?) and are filed under ${context.sbomPath}`);
  return {
    snapshot: {
      version: 0,
      job: { id: context.jobId, correlator: context.correlator, ...(context.jobUrl ? { html_url: context.jobUrl } : {}) },
      sha: context.sha,
      ref: context.ref,
      detector: context.detector,
      manifests: Object.fromEntries(manifests),
      scanned: (context.scanned ?? new Date()).toISOString(),
    },
    notes,
  };
}
