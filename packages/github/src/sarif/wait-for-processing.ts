import { setTimeout as sleep } from 'node:timers/promises';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { GitHubApiError, NotFound } from '../client/github-api-error';

export interface ProcessingWait {
  /** Give up waiting after this long (default 2 minutes; the upload is still processed afterwards). */
  timeoutMs?: number;
  /** Pauses between polls; the last one repeats (default 1, 2, 3, 5 s, then 5 s). */
  delaysMs?: readonly number[];
}

export type ProcessingResult =
  | { status: 'complete' }
  | { status: 'failed'; errors: string[] }
  /** Still processing when we stopped waiting, or we could not ask. */
  | { status: 'pending'; note: string };

const DEFAULT_DELAYS = [1_000, 2_000, 3_000, 5_000];
const MAX_ERRORS = 20;
const MAX_ERROR_TEXT = 1_000;

function processingErrors(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, MAX_ERRORS).map((error) => String(error).slice(0, MAX_ERROR_TEXT));
}

/**
 * Polls GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id} with bounded backoff until the
 * upload is "complete" or "failed", or the deadline passes. A 404 right after the upload counts as
 * pending (the upload is not visible yet); other errors end the wait without failing the upload.
 */
export async function waitForSarifProcessing(client: GitHubClient, sarifId: string, deadline: number, delaysMs: readonly number[] = DEFAULT_DELAYS): Promise<ProcessingResult> {
  for (let poll = 0; ; poll += 1) {
    try {
      const { data } = await callGitHub('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', () =>
        client.octokit.rest.codeScanning.getSarif({ ...client.repository, sarif_id: sarifId }),
      );
      if (data.processing_status === 'complete') return { status: 'complete' };
      if (data.processing_status === 'failed') return { status: 'failed', errors: processingErrors(data.errors) };
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      if (!(error instanceof NotFound)) return { status: 'pending', note: `could not check processing: ${error.describe()}` };
    }
    const delay = delaysMs[Math.min(poll, delaysMs.length - 1)] ?? 1_000;
    if (Date.now() + delay > deadline) return { status: 'pending', note: 'still processing when Gatehouse stopped waiting; GitHub finishes it in the background' };
    await sleep(delay);
  }
}

export function processingDeadline(wait: ProcessingWait | undefined): number {
  return Date.now() + (wait?.timeoutMs ?? 120_000);
}

export function processingDelays(wait: ProcessingWait | undefined): readonly number[] {
  return wait?.delaysMs?.length ? wait.delaysMs : DEFAULT_DELAYS;
}
