/**
 * GitHub's dependency submission snapshot (`POST /repos/{owner}/{repo}/dependency-graph/snapshots`,
 * schema `snapshot` of GitHub's REST API description): what Gatehouse submits so the dependency
 * graph, Dependabot alerts and dependency review see the packages an SBOM found.
 */
export type SnapshotMetadata = Record<string, string | number | boolean | null>;

export interface SnapshotDependency {
  package_url?: string;
  metadata?: SnapshotMetadata;
  relationship?: 'direct' | 'indirect';
  scope?: 'runtime' | 'development';
  /** Package URLs of its direct dependencies. */
  dependencies?: string[];
}

export interface SnapshotManifest {
  name: string;
  file?: { source_location?: string };
  metadata?: SnapshotMetadata;
  resolved?: Record<string, SnapshotDependency>;
}

export interface DependencySnapshot {
  version: number;
  job: { id: string; correlator: string; html_url?: string };
  sha: string;
  ref: string;
  detector: { name: string; version: string; url: string };
  metadata?: SnapshotMetadata;
  manifests?: Record<string, SnapshotManifest>;
  scanned: string;
}
