import { ConfigurationError } from '@gatehouse/findings';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { GitHubApiError, NotFound, PermissionDenied } from '../client/github-api-error';

/**
 * A dependency submission snapshot (GitHub REST `snapshot` schema). Built by @gatehouse/sbom-publish
 * (`buildDependencySnapshot`); declared here structurally so this package depends on no producer.
 */
export interface DependencySnapshotBody {
  version: number;
  job: { id: string; correlator: string; html_url?: string };
  sha: string;
  ref: string;
  detector: { name: string; version: string; url: string };
  metadata?: Record<string, string | number | boolean | null>;
  manifests?: Record<string, unknown>;
  scanned: string;
}

export type DependencySnapshotOutcome =
  /** GitHub took it: `SUCCESS` (the dependency graph was updated) or `ACCEPTED` (stored, graph not updated yet). */
  | { status: 'submitted'; id: number; result: string; message: string; createdAt: string }
  /** GitHub answered `INVALID`: the snapshot was malformed. */
  | { status: 'rejected'; id: number; message: string }
  /** The token may not write (fork pull requests, `contents: read`), or the dependency graph is off: said, not fatal. */
  | { status: 'skipped'; reason: 'read-only-token' | 'not-found'; message: string }
  | { status: 'failed'; message: string };

/** GitHub refuses snapshots above this size; checked here so the error says what to do. */
const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

/**
 * `POST /repos/{owner}/{repo}/dependency-graph/snapshots` (needs `contents: write`). Never throws
 * for GitHub's answers: a read-only token is `skipped`, anything else `failed`, both with GitHub's
 * own words; the SBOM stays published as an artifact either way.
 */
export async function submitDependencySnapshot(client: GitHubClient, snapshot: DependencySnapshotBody): Promise<DependencySnapshotOutcome> {
  const size = Buffer.byteLength(JSON.stringify(snapshot));
  if (size > MAX_SNAPSHOT_BYTES) throw new ConfigurationError(`the dependency snapshot is ${size} bytes, more than GitHub accepts; submit fewer manifests per job`);
  try {
    const response = await callGitHub('POST /repos/{owner}/{repo}/dependency-graph/snapshots', () =>
      client.octokit.rest.dependencyGraph.createRepositorySnapshot({ ...client.repository, ...(snapshot as Parameters<typeof client.octokit.rest.dependencyGraph.createRepositorySnapshot>[0] & object) }),
    );
    const { id, result, message, created_at: createdAt } = response.data;
    if (result === 'INVALID') return { status: 'rejected', id, message };
    client.logger.info(`dependency snapshot ${id} submitted: ${result}${message ? ` (${message})` : ''}`);
    return { status: 'submitted', id, result, message, createdAt };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    if (error instanceof PermissionDenied) return { status: 'skipped', reason: 'read-only-token', message: error.describe() };
    if (error instanceof NotFound) return { status: 'skipped', reason: 'not-found', message: error.describe() };
    return { status: 'failed', message: error.describe() };
  }
}
