import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@gatehouse/findings';
import type { Dispatcher } from 'undici';
import { backoffDelay, sleepFor, type BackoffPolicy } from './backoff';
import { DownloadAttemptError, downloadToFile } from './download-file';
import { redactUrl } from './proxy-dispatcher';
import { ToolInstallError } from './tool-install-error';

export interface AssetSource {
  /** 'upstream' or 'mirror', for messages. */
  label: string;
  url: string;
  headers?: Readonly<Record<string, string>>;
}

export interface FetchAssetRequest {
  engine: string;
  /** "gitleaks 8.30.1 (linux-x64)": how messages name what is being installed. */
  subject: string;
  expectedSha256: string;
  /** Tried in order; each with bounded retries. */
  sources: readonly AssetSource[];
  /** A private directory for the attempts' files. */
  directory: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  allowHttp: boolean;
  backoff: BackoffPolicy;
  logger: Logger;
}

/**
 * Downloads the asset from the first source that serves it, retrying each source with backoff, and
 * returns the path of a file whose sha256 is the pinned one. A wrong checksum stops everything at
 * once (no retry, no next source): a mismatch is a security signal for a human, not a glitch.
 */
export async function fetchVerifiedAsset(req: FetchAssetRequest): Promise<string> {
  const failures: string[] = [];
  let attemptNumber = 0;
  for (const source of req.sources) {
    for (let attempt = 1; attempt <= req.backoff.attempts; attempt += 1) {
      if (attempt > 1) await sleepFor(backoffDelay(attempt - 1, req.backoff), req.backoff);
      attemptNumber += 1;
      const file = join(req.directory, `download-${attemptNumber}`);
      req.logger.debug(`${req.subject}: downloading from ${source.label} ${redactUrl(source.url)} (attempt ${attempt}/${req.backoff.attempts})`);
      try {
        const { sha256 } = await downloadToFile(source.url, file, {
          dispatcher: req.dispatcher,
          timeoutMs: req.timeoutMs,
          maxBytes: req.maxBytes,
          allowHttp: req.allowHttp,
          ...(source.headers ? { headers: source.headers } : {}),
        });
        if (sha256 !== req.expectedSha256) {
          await rm(file, { force: true });
          throw new ToolInstallError(
            'checksum-mismatch',
            req.engine,
            `${req.subject}: checksum mismatch for the download from ${source.label} ${redactUrl(source.url)}: expected sha256 ${req.expectedSha256}, got ${sha256}; refusing to install or run it`,
            { expected: req.expectedSha256, actual: sha256 },
          );
        }
        return file;
      } catch (error) {
        await rm(file, { force: true });
        if (error instanceof ToolInstallError) throw error;
        const failure = error instanceof DownloadAttemptError ? error : new DownloadAttemptError(String(error), false);
        failures.push(`${source.label} attempt ${attempt}: ${failure.message}`);
        req.logger.warning(`${req.subject}: download from ${source.label} failed (attempt ${attempt}/${req.backoff.attempts}): ${failure.message}`);
        if (!failure.retryable) break;
      }
    }
  }
  throw new ToolInstallError('download-failed', req.engine, `${req.subject}: download failed (${failures.join('; ')})`);
}
