// @gatehouse/github: the only package that talks to GitHub.
export { GATEHOUSE_VERSION } from './version';

// Client and typed failures
export { createGitHubClient, type GitHubClient, type GitHubClientOptions, type GitHubOctokit } from './client/create-github-client';
export { callGitHub, toGitHubApiError } from './client/classify-error';
export {
  GitHubApiError,
  PermissionDenied,
  NotFound,
  FeatureUnavailable,
  RateLimited,
  Unauthorized,
  ValidationFailed,
  PayloadTooLarge,
  GitHubUnavailable,
  UnexpectedResponse,
  type GitHubProblemKind,
} from './client/github-api-error';
export { parseRepository, type RepositoryRef } from './client/repository-ref';
export { GITHUB_ACTIONS_LOGIN, type TokenIdentity } from './client/token-identity';

// Event context and where to read trusted configuration
export { readGitHubContext } from './context/read-github-context';
export type {
  GitHubContext,
  GitHubEvent,
  PullRequestEvent,
  PullRequestSide,
  PushEvent,
  WorkflowDispatchEvent,
  MergeGroupEvent,
  OtherEvent,
} from './context/github-context';
export { trustedConfigRef, isDefaultBranchRun, codeScanningTarget, type CodeScanningTarget } from './context/run-targets';
export { readFileAtRef, readTextFileAtRef, checkRepositoryPath, CONTENTS_INLINE_MAX_BYTES, type FileAtRef, type ReadFileAtRefOptions } from './contents/read-file-at-ref';

// SARIF to code scanning
export {
  uploadSarif,
  type SarifUploadRequest,
  type SarifUploadOutcome,
  type SarifCategoryResult,
  type NotPublishedReason,
} from './sarif/upload-sarif';
export { splitSarifByCategory, MAX_RESULTS_PER_RUN, type SarifCategory, type SplitSarif } from './sarif/sarif-categories';
export { encodeSarif, SARIF_GZIP_MAX_BYTES } from './sarif/encode-sarif';
export type { ProcessingWait } from './sarif/wait-for-processing';

// Artifacts
export { artifactName, matrixHash, checkArtifactName, type ArtifactNameParts } from './artifacts/artifact-name';
export {
  RunArtifacts,
  type ArtifactStore,
  type ArtifactFileInput,
  type ArtifactUploadOptions,
  type ArtifactUploadOutcome,
  type RunArtifact,
  type RunArtifactsOptions,
  type DownloadLimits,
} from './artifacts/run-artifacts';
export {
  listRepositoryArtifacts,
  findLatestArtifact,
  downloadArtifactZip,
  type RepositoryArtifact,
  type ListRepositoryArtifactsOptions,
} from './artifacts/repository-artifacts';
export { unzipInMemory, ArchiveRefused, type ArtifactFiles, type UnzipLimits } from './artifacts/unzip-in-memory';

// The sticky pull request comment
export {
  upsertStickyComment,
  deleteStickyComment,
  type StickyCommentTarget,
  type StickyCommentOutcome,
  type DeleteStickyCommentOutcome,
  type SkippedReason,
} from './comments/sticky-comment';
export { boundCommentBody, checkCommentMarker, COMMENT_MAX_CHARACTERS, DEFAULT_COMMENT_MARKER } from './comments/bound-comment-body';

// Issues
export {
  createOrUpdateIssue,
  closeIssue,
  listIssuesByLabel,
  gitHubIssues,
  type GitHubIssues,
  type IssueRequest,
  type IssueOutcome,
  type CloseIssueOutcome,
  type GatehouseIssue,
  type IssueSkipReason,
} from './issues/gatehouse-issues';
export { ensureLabels, type IssueLabel } from './issues/ensure-labels';
export { checkIssueKey, issueMarker, issueKeyOf } from './issues/issue-key';

// Dependency graph
export { submitDependencySnapshot, type DependencySnapshotBody, type DependencySnapshotOutcome } from './dependency-graph/submit-dependency-snapshot';
