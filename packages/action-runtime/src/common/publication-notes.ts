import type { ArtifactUploadOutcome, SarifUploadOutcome, StickyCommentOutcome } from '@gatehouse/github';

/** What happened to the SARIF: the upload's outcome, or why none was attempted. */
export type SarifPublication =
  | SarifUploadOutcome
  | { status: 'disabled' }
  | { status: 'nothing-to-upload' }
  | { status: 'not-attempted'; message: string };

/** Whether the SARIF reached code scanning (or was kept, or lost), in one sentence for the summary. */
export function sarifNote(publication: SarifPublication, artifact: ArtifactUploadOutcome | undefined): string | undefined {
  switch (publication.status) {
    case 'uploaded': {
      const pending = publication.categories.filter((c) => c.status === 'pending').length;
      const runs = publication.categories.length;
      return `SARIF uploaded to code scanning (${runs} run${runs === 1 ? '' : 's'}${pending ? `, ${pending} still processing` : ''}).`;
    }
    case 'kept-as-artifact':
      return `SARIF not published to code scanning: ${publication.message}. ${keptWhere(artifact)} The verdict stands.`;
    case 'failed':
      return `SARIF upload to code scanning failed: ${publication.message}. ${keptWhere(artifact)}`;
    case 'not-attempted':
      return `SARIF not uploaded: ${publication.message}. ${keptWhere(artifact)}`;
    case 'disabled':
      return 'SARIF upload is turned off (upload-sarif: false); results.sarif is in the artifact.';
    case 'nothing-to-upload':
      return undefined;
  }
}

function keptWhere(artifact: ArtifactUploadOutcome | undefined): string {
  if (!artifact) return 'It is in the run\u2019s output folder only.';
  return artifact.status === 'uploaded'
    ? `It is kept in the artifact ${artifact.name}.`
    : `The artifact ${artifact.name} that would keep it could not be uploaded either (${artifact.reason}).`;
}

/** What the artifact holds (its files relative to the artifact root), or that it could not be uploaded. */
export function artifactNote(artifact: ArtifactUploadOutcome, files: readonly string[]): string {
  if (artifact.status !== 'uploaded') return `The artifact ${artifact.name} could not be uploaded: ${artifact.reason}.`;
  const reports = files.filter((f) => f.startsWith('reports/')).length;
  const kept = files.filter((f) => f.startsWith('kept/')).length;
  const main = files.filter((f) => !f.includes('/'));
  const parts = [main.join(', ')];
  if (reports) parts.push(`${reports} native report${reports === 1 ? '' : 's'} (reports/)`);
  if (kept) parts.push('the SARIF code scanning did not take (kept/)');
  return `Artifact ${artifact.name}: ${parts.join('; ')}.`;
}

export function commentNote(comment: StickyCommentOutcome | { status: 'not-a-pull-request' } | { status: 'disabled' }): string | undefined {
  switch (comment.status) {
    case 'created':
    case 'updated':
    case 'unchanged':
      return comment.truncated ? 'The pull request comment was cut to fit GitHub\u2019s size limit.' : undefined;
    case 'skipped':
      return comment.reason === 'fork'
        ? 'No pull request comment: pull requests from forks get a read-only token. This summary has everything; the verdict stands.'
        : `No pull request comment: ${comment.reason === 'read-only-token' ? 'the token may not write comments (it needs pull-requests: write)' : 'the pull request was not found'}.`;
    case 'failed':
      return `The pull request comment could not be written: ${comment.message}`;
    case 'not-a-pull-request':
    case 'disabled':
      return undefined;
  }
}
