import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { FakeGitHub } from '../fake-github';
import { forbiddenUnless, notThisRepository } from './permission-check';

/** GitHub rejects gzipped SARIF over 10 MB. */
export const SARIF_GZIP_MAX_BYTES = 10 * 1024 * 1024;

export const CODE_SCANNING_DISABLED = 'Advanced Security must be enabled for this repository to use code scanning.';

function decodeSarif(encoded: string): { sarif: unknown; gzippedBytes: number } | { problem: string } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return { problem: 'sarif is not base64' };
  const gzipped = Buffer.from(encoded, 'base64');
  let text: string;
  try {
    text = gunzipSync(gzipped).toString('utf8');
  } catch {
    return { problem: 'sarif is not gzip-compressed' };
  }
  try {
    return { sarif: JSON.parse(text), gzippedBytes: gzipped.length };
  } catch (error) {
    return { problem: `sarif is not JSON: ${(error as Error).message}` };
  }
}

/**
 * SARIF upload (gzip + base64, 10 MB gzipped at most) and processing status: "pending" for
 * `state.sarifPendingPolls` polls, then `state.sarifOutcome`. Needs security_events: write; answers
 * 403 as GitHub does for read-only tokens (fork PRs) and for repositories without code scanning.
 */
export function registerCodeScanningHandlers(fake: FakeGitHub): void {
  const { state } = fake;
  const repoApi = () => `${fake.url}/repos/${fake.repository.owner}/${fake.repository.repo}`;

  fake.setDefault('POST /repos/{owner}/{repo}/code-scanning/sarifs', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['security_events'], 'write');
    if (refused) return refused;
    if (!state.codeScanningEnabled) return fake.errorResponse(request, 403, CODE_SCANNING_DISABLED);
    const body = request.body as { commit_sha: string; ref: string; sarif: string; tool_name?: string; checkout_uri?: string };
    const decoded = decodeSarif(body.sarif);
    if ('problem' in decoded) {
      fake.recordViolation(request, [decoded.problem]);
      return fake.errorResponse(request, 400, `Invalid SARIF: ${decoded.problem}`);
    }
    if (decoded.gzippedBytes > SARIF_GZIP_MAX_BYTES) return { status: 413 };
    const id = randomUUID();
    state.sarifUploads.push({
      id,
      commitSha: body.commit_sha,
      ref: body.ref,
      sarif: decoded.sarif,
      gzippedBytes: decoded.gzippedBytes,
      toolName: body.tool_name,
      checkoutUri: body.checkout_uri,
      polls: 0,
    });
    return { status: 202, body: { id, url: `${repoApi()}/code-scanning/sarifs/${id}` } };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['security_events'], 'read');
    if (refused) return refused;
    const upload = state.sarifUploads.find((u) => u.id === request.params.sarif_id);
    if (!upload) return { status: 404 };
    upload.polls += 1;
    if (upload.polls <= state.sarifPendingPolls) return { status: 200, body: { processing_status: 'pending', analyses_url: null, errors: null } };
    if (state.sarifOutcome === 'failed') {
      return { status: 200, body: { processing_status: 'failed', analyses_url: null, errors: ['the fake was told to fail this upload'] } };
    }
    return {
      status: 200,
      body: { processing_status: 'complete', analyses_url: `${repoApi()}/code-scanning/analyses?sarif_id=${upload.id}`, errors: [] },
    };
  });
}
