import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '@gatehouse/findings';
import type { ArtifactStore, ArtifactUploadOutcome } from '../artifacts/run-artifacts';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { FeatureUnavailable, GitHubApiError, NotFound, PayloadTooLarge, PermissionDenied, ValidationFailed } from '../client/github-api-error';
import { COMMIT_SHA } from '../context/event-payload-schemas';
import { encodeSarif, SARIF_GZIP_MAX_BYTES } from './encode-sarif';
import { describeCategory, MAX_RESULTS_PER_RUN, splitSarifByCategory, type SarifCategory } from './sarif-categories';
import { processingDeadline, processingDelays, waitForSarifProcessing, type ProcessingWait } from './wait-for-processing';

export interface SarifUploadRequest {
  /** The SARIF 2.1.0 log (one run per engine, each with its automationDetails.id). */
  sarif: unknown;
  /** What the results describe: `codeScanningTarget(context)`. */
  commitSha: string;
  /** refs/heads/x, refs/tags/x, refs/pull/N/merge or refs/pull/N/head. */
  ref: string;
  /** The absolute workspace path the scan ran in (sent as checkout_uri, so absolute paths map to files). */
  workspace?: string;
  startedAt?: Date;
  /** Ask GitHub to validate the SARIF against code scanning's rules. */
  validate?: boolean;
  /** The pull request's head is in a fork: a refusal then means "fork", not "read-only token". */
  fork?: boolean;
  /** Where the SARIF is kept when it cannot be published (and when publishing fails). */
  keep: { store: ArtifactStore; name: string; retentionDays?: number };
  /** Wait for code scanning to process the uploads (default: up to 2 minutes); false to return at once. */
  wait?: ProcessingWait | false;
}

export type NotPublishedReason = 'fork' | 'read-only-token' | 'not-enabled' | 'too-large';

export interface SarifCategoryResult {
  tool: string;
  /** automationDetails.id ("" when none). */
  category: string;
  results: number;
  /** complete: processed; pending: uploaded, processing not confirmed; failed: upload or processing refused it; not-uploaded: never sent. */
  status: 'complete' | 'pending' | 'failed' | 'not-uploaded';
  sarifId?: string;
  /** GitHub's processing errors, or why it was not uploaded. */
  errors: string[];
}

export type SarifUploadOutcome =
  | { status: 'uploaded'; categories: SarifCategoryResult[] }
  | { status: 'kept-as-artifact'; reason: NotPublishedReason; message: string; artifact: Extract<ArtifactUploadOutcome, { status: 'uploaded' }>; categories: SarifCategoryResult[] }
  | { status: 'failed'; message: string; artifact: ArtifactUploadOutcome | undefined; categories: SarifCategoryResult[] };

const UPLOADABLE_REF = /^refs\/(?:heads|tags|pull)\/./;

function checkRequest(request: SarifUploadRequest): void {
  if (!COMMIT_SHA.test(request.commitSha)) throw new ConfigurationError(`SARIF upload: ${JSON.stringify(request.commitSha).slice(0, 80)} is not a commit SHA`);
  if (!UPLOADABLE_REF.test(request.ref)) throw new ConfigurationError(`SARIF upload: ${JSON.stringify(request.ref).slice(0, 200)} is not refs/heads/…, refs/tags/… or refs/pull/…`);
  if (request.workspace !== undefined && !isAbsolute(request.workspace)) throw new ConfigurationError(`SARIF upload: workspace ${request.workspace} must be an absolute path`);
}

function result(category: SarifCategory, status: SarifCategoryResult['status'], errors: string[] = [], sarifId?: string): SarifCategoryResult {
  return { tool: category.tool, category: category.category, results: category.results, status, errors, ...(sarifId ? { sarifId } : {}) };
}

/** A refusal that applies to every upload to this repository with this token: stop and keep the SARIF. */
function refusalReason(error: GitHubApiError, fork: boolean): NotPublishedReason | undefined {
  if (error instanceof PermissionDenied) return fork ? 'fork' : 'read-only-token';
  // GHES and private repositories without code scanning may answer 404 rather than 403.
  if (error instanceof FeatureUnavailable || error instanceof NotFound) return 'not-enabled';
  return undefined;
}

const REASON_TEXT: Record<NotPublishedReason, string> = {
  fork: 'pull requests from forks get a read-only token, which may not upload to code scanning',
  'read-only-token': 'the token may not upload to code scanning (it needs security-events: write)',
  'not-enabled': 'code scanning is not enabled for this repository (GitHub Advanced Security / Code Security)',
  'too-large': `the SARIF is over code scanning's limits (${SARIF_GZIP_MAX_BYTES / 1024 / 1024} MB gzipped, ${MAX_RESULTS_PER_RUN} results per run) even after trimming`,
};

/**
 * Uploads a SARIF log to code scanning, one upload per run (category), then waits for GitHub to
 * process each. What cannot be published is kept as an artifact and the outcome says why; the
 * verdict never depends on this. Outcomes:
 * - uploaded: every category was accepted (processing complete, or still pending when we stopped waiting);
 * - kept-as-artifact: GitHub refused the token (fork / read-only) or the repository lacks code
 *   scanning, or every category was over the limits; the SARIF is in the artifact;
 * - failed: some category was refused or failed processing, or the artifact could not be made.
 */
export async function uploadSarif(client: GitHubClient, request: SarifUploadRequest): Promise<SarifUploadOutcome> {
  checkRequest(request);
  const { logger } = client;
  const split = splitSarifByCategory(request.sarif);
  const keep = () => request.keep.store.uploadFiles(request.keep.name, [{ path: 'results.sarif', content: JSON.stringify(request.sarif) }], { retentionDays: request.keep.retentionDays });
  if (!split.ok) {
    logger.error(`SARIF upload: ${split.problem}`);
    return { status: 'failed', message: split.problem, artifact: await keep(), categories: [] };
  }

  // Results by run, reported in the order of the runs in the log.
  const byRun = new Map<SarifCategory, SarifCategoryResult>();
  const record = (category: SarifCategory, status: SarifCategoryResult['status'], errors: string[] = [], sarifId?: string) =>
    byRun.set(category, result(category, status, errors, sarifId));
  for (const duplicate of split.duplicates) {
    record(duplicate, 'not-uploaded', ['another run has the same tool and category; give each run its own automationDetails.id']);
  }
  const uploads: { category: SarifCategory; sarifId: string }[] = [];
  let refusal: { reason: NotPublishedReason; error: GitHubApiError } | undefined;
  let stopped: GitHubApiError | undefined;
  let tooLarge = 0;

  for (const category of split.categories) {
    const name = describeCategory(category);
    if (refusal || stopped) {
      record(category, 'not-uploaded', [`not attempted: ${(refusal?.error ?? stopped)!.githubMessage}`]);
      continue;
    }
    if (category.results > MAX_RESULTS_PER_RUN) {
      tooLarge += 1;
      record(category, 'not-uploaded', [`${category.results} results, more than the ${MAX_RESULTS_PER_RUN} code scanning accepts per run`]);
      continue;
    }
    const encoded = encodeSarif(category.document);
    if (!encoded.ok) {
      tooLarge += 1;
      record(category, 'not-uploaded', [`${encoded.gzippedBytes} bytes gzipped, more than the ${SARIF_GZIP_MAX_BYTES} code scanning accepts`]);
      continue;
    }
    try {
      const { data } = await callGitHub('POST /repos/{owner}/{repo}/code-scanning/sarifs', () =>
        client.octokit.rest.codeScanning.uploadSarif({
          ...client.repository,
          commit_sha: request.commitSha,
          ref: request.ref,
          sarif: encoded.base64,
          tool_name: category.tool,
          ...(request.workspace ? { checkout_uri: pathToFileURL(request.workspace).href } : {}),
          ...(request.startedAt ? { started_at: `${request.startedAt.toISOString().slice(0, 19)}Z` } : {}),
          ...(request.validate !== undefined ? { validate: request.validate } : {}),
        }),
      );
      if (!data.id) throw new ValidationFailed({ operation: 'POST /repos/{owner}/{repo}/code-scanning/sarifs', status: 202, githubMessage: 'GitHub accepted the upload without an id' });
      logger.info(`uploaded SARIF for ${name}: ${category.results} results, ${encoded.gzippedBytes} bytes gzipped`);
      uploads.push({ category, sarifId: data.id });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      const reason = refusalReason(error, request.fork ?? false);
      if (reason) {
        refusal = { reason, error };
        record(category, 'not-uploaded', [error.githubMessage]);
      } else if (error instanceof ValidationFailed || error instanceof PayloadTooLarge) {
        logger.warning(`code scanning refused the SARIF for ${name}: ${error.describe()}`);
        record(category, 'failed', [error.githubMessage, ...error.errors]);
      } else {
        // Rate limited, unavailable, unauthorized: the next upload would fare no better.
        logger.warning(`SARIF upload for ${name} failed: ${error.describe()}`);
        stopped = error;
        record(category, 'failed', [error.githubMessage]);
      }
    }
  }

  if (request.wait !== false) {
    const deadline = processingDeadline(request.wait || undefined);
    const delays = processingDelays(request.wait || undefined);
    for (const { category, sarifId } of uploads) {
      const processed = await waitForSarifProcessing(client, sarifId, deadline, delays);
      if (processed.status === 'failed') logger.warning(`code scanning could not process the SARIF for ${describeCategory(category)}: ${processed.errors.join('; ')}`);
      if (processed.status === 'pending') logger.info(`SARIF for ${describeCategory(category)}: ${processed.note}`);
      record(category, processed.status, processed.status === 'failed' ? processed.errors : [], sarifId);
    }
  } else {
    for (const { category, sarifId } of uploads) record(category, 'pending', [], sarifId);
  }
  const categories = [...byRun.keys()].sort((a, b) => a.runIndex - b.runIndex).map((category) => byRun.get(category)!);

  if (refusal) {
    const message = `${REASON_TEXT[refusal.reason]} (GitHub: ${refusal.error.githubMessage})`;
    logger.warning(`SARIF not published to code scanning: ${message}; kept as artifact ${request.keep.name}`);
    const artifact = await keep();
    if (artifact.status === 'uploaded') return { status: 'kept-as-artifact', reason: refusal.reason, message, artifact, categories };
    return { status: 'failed', message: `${message}; and the artifact could not be kept: ${artifact.reason}`, artifact, categories };
  }

  const problems = categories.filter((c) => c.status === 'failed' || c.status === 'not-uploaded');
  if (problems.length === 0) return { status: 'uploaded', categories };

  const artifact = await keep();
  if (tooLarge > 0 && tooLarge === categories.length && artifact.status === 'uploaded') {
    logger.warning(`SARIF not published to code scanning: ${REASON_TEXT['too-large']}; kept as artifact ${request.keep.name}`);
    return { status: 'kept-as-artifact', reason: 'too-large', message: REASON_TEXT['too-large'], artifact, categories };
  }
  const message = `code scanning did not take ${problems.length} of ${categories.length} SARIF runs: ${problems.map((c) => `${describeCategory(c)}: ${c.errors[0] ?? c.status}`).join('; ')}`;
  return { status: 'failed', message, artifact, categories };
}
