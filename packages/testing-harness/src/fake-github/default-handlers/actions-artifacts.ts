import type { FakeGitHub, FakeRequest } from '../fake-github';
import { nodeId } from '../github-objects';
import type { StoredRepositoryArtifact } from '../fake-github-state';
import { paginate } from './pagination';
import { forbiddenUnless, notThisRepository } from './permission-check';

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** An artifact as GET /repos/{owner}/{repo}/actions/artifacts returns it. */
export function repositoryArtifact(fake: FakeGitHub, artifact: StoredRepositoryArtifact): Record<string, unknown> {
  const url = `${fake.url}/repos/${fake.repository.owner}/${fake.repository.repo}/actions/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: nodeId('MDg6QXJ0aWZhY3Q', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.content.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired,
    created_at: isoSeconds(artifact.createdAt),
    updated_at: isoSeconds(artifact.createdAt),
    expires_at: isoSeconds(artifact.expiresAt),
    digest: artifact.digest,
    workflow_run: {
      id: artifact.workflowRun.id,
      repository_id: artifact.workflowRun.repositoryId,
      head_repository_id: artifact.workflowRun.headRepositoryId,
      head_branch: artifact.workflowRun.headBranch,
      head_sha: artifact.workflowRun.headSha,
    },
  };
}

/**
 * Artifacts of the repository's workflow runs: the list (newest first, `name` filter, paginated) and
 * the zip download, which answers 302 to a signed blob URL as GitHub does (410 once expired). Needs
 * actions: read.
 */
export function registerActionsArtifactHandlers(fake: FakeGitHub): void {
  const { state } = fake;
  const readable = (request: FakeRequest) => notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['actions'], 'read');

  fake.setDefault('GET /repos/{owner}/{repo}/actions/artifacts', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const name = request.query.name === undefined ? undefined : String(request.query.name);
    const matching = state.repositoryArtifacts
      .filter((a) => name === undefined || a.name === name)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    const { page, headers } = paginate(request, matching);
    return { status: 200, body: { total_count: matching.length, artifacts: page.map((a) => repositoryArtifact(fake, a)) }, headers };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const artifact = state.repositoryArtifacts.find((a) => a.id === Number(request.params.artifact_id));
    if (!artifact || request.params.archive_format !== 'zip') return fake.errorResponse(request, 404, 'Not Found');
    if (artifact.expired) return fake.errorResponse(request, 410, 'Artifact has expired');
    return { status: 302, headers: { location: state.signedBlobUrl(`artifacts/${artifact.id}/${encodeURIComponent(artifact.name)}.zip`, artifact.content) } };
  });
}
