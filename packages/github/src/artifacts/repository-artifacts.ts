import { createHash } from 'node:crypto';
import { z } from 'zod';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { UnexpectedResponse } from '../client/github-api-error';
import { checkArtifactName } from './artifact-name';
import { downloadSignedBlob } from './blob-download';
import type { DownloadLimits } from './run-artifacts';
import { ArchiveRefused, unzipInMemory, type ArtifactFiles } from './unzip-in-memory';

/** An artifact of one of the repository's workflow runs (GET /repos/{owner}/{repo}/actions/artifacts). */
export interface RepositoryArtifact {
  id: number;
  name: string;
  sizeInBytes: number;
  createdAt: Date;
  digest: string | undefined;
  workflowRun: { id: number; repositoryId: number; headRepositoryId: number; headBranch: string; headSha: string };
}

export interface ListRepositoryArtifactsOptions {
  /** Only artifacts of runs on this branch (workflow_run.head_branch), e.g. the default branch. */
  branch?: string;
  /** How many to return at most (newest first; default 10). */
  limit?: number;
  /** Pages of 100 to look through at most (default 5). */
  maxPages?: number;
}

const ApiArtifact = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  size_in_bytes: z.number().int().nonnegative(),
  expired: z.boolean(),
  created_at: z.string().nullable(),
  digest: z.string().nullable().optional(),
  workflow_run: z
    .object({
      id: z.number().int().optional(),
      repository_id: z.number().int().optional(),
      head_repository_id: z.number().int().optional(),
      head_branch: z.string().optional(),
      head_sha: z.string().optional(),
    })
    .nullable()
    .optional(),
});

function toArtifact(raw: unknown): RepositoryArtifact | undefined {
  const parsed = ApiArtifact.safeParse(raw);
  if (!parsed.success) return undefined;
  const artifact = parsed.data;
  const run = artifact.workflow_run;
  const createdAt = artifact.created_at ? new Date(artifact.created_at) : undefined;
  // Without its run's provenance an artifact cannot be trusted, so it is not offered at all.
  if (artifact.expired || !createdAt || Number.isNaN(createdAt.getTime()) || !run) return undefined;
  if (run.id === undefined || run.repository_id === undefined || run.head_repository_id === undefined || run.head_branch === undefined || run.head_sha === undefined) {
    return undefined;
  }
  return {
    id: artifact.id,
    name: artifact.name,
    sizeInBytes: artifact.size_in_bytes,
    createdAt,
    digest: artifact.digest ?? undefined,
    workflowRun: { id: run.id, repositoryId: run.repository_id, headRepositoryId: run.head_repository_id, headBranch: run.head_branch, headSha: run.head_sha },
  };
}

/**
 * Artifacts named `name` from the repository's other workflow runs, newest first, unexpired, and
 * only from runs whose head commit came from this repository: a pull request from a fork named
 * "main" runs with head_branch "main" and can upload artifacts, and must never be taken for a
 * default-branch run. Needs actions: read.
 */
export async function listRepositoryArtifacts(client: GitHubClient, name: string, options: ListRepositoryArtifactsOptions = {}): Promise<RepositoryArtifact[]> {
  checkArtifactName(name);
  const limit = options.limit ?? 10;
  const maxPages = options.maxPages ?? 5;
  const found: RepositoryArtifact[] = [];
  const operation = 'GET /repos/{owner}/{repo}/actions/artifacts';
  await callGitHub(operation, async () => {
    let pages = 0;
    for await (const response of client.octokit.paginate.iterator(client.octokit.rest.actions.listArtifactsForRepo, { ...client.repository, name, per_page: 100 })) {
      pages += 1;
      for (const raw of response.data as unknown[]) {
        const artifact = toArtifact(raw);
        if (!artifact || artifact.name !== name) continue;
        if (artifact.workflowRun.headRepositoryId !== artifact.workflowRun.repositoryId) continue;
        if (options.branch !== undefined && artifact.workflowRun.headBranch !== options.branch) continue;
        found.push(artifact);
      }
      if (found.length >= limit || pages >= maxPages) break;
    }
  });
  return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).slice(0, limit);
}

/** The newest trustworthy artifact named `name` (see `listRepositoryArtifacts`), e.g. the findings ledger of the last default-branch run. */
export async function findLatestArtifact(client: GitHubClient, name: string, options: { branch?: string; maxPages?: number } = {}): Promise<RepositoryArtifact | undefined> {
  const [latest] = await listRepositoryArtifacts(client, name, { ...options, limit: 1 });
  return latest;
}

/**
 * The files of a repository artifact, in memory: the API answers 302 to a signed blob URL, which is
 * fetched without the token, size-capped, checked against `expectedDigest` when given (the
 * artifact's `digest`), and read through `unzipInMemory`. 410 (expired) and 404 throw NotFound.
 */
export async function downloadArtifactZip(client: GitHubClient, artifactId: number, options: DownloadLimits & { expectedDigest?: string } = {}): Promise<ArtifactFiles> {
  const maxZip = options.maxZipBytes ?? 64 * 1024 * 1024;
  const operation = 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/zip';
  const response = await callGitHub(operation, () =>
    client.octokit.rest.actions.downloadArtifact({ ...client.repository, artifact_id: artifactId, archive_format: 'zip', request: { redirect: 'manual' } }),
  );
  let zip: Buffer;
  const status = response.status as number;
  if (status === 302 && typeof response.headers.location === 'string') {
    zip = await downloadSignedBlob(response.headers.location, maxZip);
  } else if (status === 200 && response.data instanceof ArrayBuffer) {
    zip = Buffer.from(response.data);
    if (zip.length > maxZip) throw new ArchiveRefused(`the artifact is ${zip.length} bytes, more than ${maxZip}`);
  } else {
    throw new UnexpectedResponse({ operation, status, githubMessage: 'neither a redirect to the artifact nor the artifact itself' });
  }
  if (options.expectedDigest) {
    const actual = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
    if (options.expectedDigest.toLowerCase() !== actual && `sha256:${options.expectedDigest.toLowerCase()}` !== actual) {
      throw new ArchiveRefused(`artifact ${artifactId} does not match its recorded digest`);
    }
  }
  return unzipInMemory(zip, options);
}
