import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import { redactUrl } from './proxy-dispatcher';

export interface DownloadAttemptOptions {
  dispatcher: Dispatcher;
  /** The whole attempt (connect, headers, body) must finish within this. */
  timeoutMs: number;
  /** More bytes than this is refused, whatever Content-Length says. */
  maxBytes: number;
  /** Plain http is refused unless allowed (tests on loopback; never for upstream assets). */
  allowHttp: boolean;
  /** Sent to the first origin only (e.g. a mirror token), dropped on a redirect to another origin. */
  headers?: Readonly<Record<string, string>>;
  maxRedirects?: number;
}

export interface DownloadedFile {
  sha256: string;
  bytes: number;
}

/** One failed attempt; `retryable` says whether trying the same URL again may help. */
export class DownloadAttemptError extends Error {
  override name = 'DownloadAttemptError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'gatehouse-toolchain';

function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function checkScheme(url: URL, allowHttp: boolean): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && allowHttp) return;
  throw new DownloadAttemptError(`refusing ${url.protocol} URL ${redactUrl(url.href)}: downloads must use https`, false);
}

function networkFailure(error: unknown, signal: AbortSignal, timeoutMs: number): DownloadAttemptError {
  if (error instanceof DownloadAttemptError) return error;
  if (signal.aborted) return new DownloadAttemptError(`timed out after ${timeoutMs} ms`, true);
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return new DownloadAttemptError(code ? `${code}: ${message}` : message, true);
}

/**
 * One attempt to stream `url` into `destination` (created exclusively, mode 0600), hashing while it
 * writes. Follows up to five redirects (GitHub release assets redirect to a CDN), refuses a downgrade
 * to http, and stops at the size cap. Nothing here trusts the bytes: the caller compares the hash.
 */
export async function downloadToFile(url: string, destination: string, options: DownloadAttemptOptions): Promise<DownloadedFile> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;
  let current = new URL(url);
  const firstOrigin = current.origin;
  try {
    for (let hop = 0; ; hop += 1) {
      checkScheme(current, options.allowHttp);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/octet-stream' };
      if (options.headers && current.origin === firstOrigin) Object.assign(headers, options.headers);
      const response = await request(current, {
        method: 'GET',
        dispatcher: options.dispatcher,
        signal,
        headers,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      if (REDIRECTS.has(response.statusCode)) {
        await response.body.dump();
        const location = response.headers.location;
        if (typeof location !== 'string' || hop >= maxRedirects) {
          throw new DownloadAttemptError(`too many or malformed redirects from ${redactUrl(url)}`, false);
        }
        current = new URL(location, current);
        continue;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new DownloadAttemptError(`HTTP ${response.statusCode} from ${redactUrl(current.href)}`, retryableStatus(response.statusCode));
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.body.on('error', () => undefined).destroy();
        throw new DownloadAttemptError(`${redactUrl(current.href)} is ${declared} bytes, over the ${options.maxBytes}-byte cap`, false);
      }
      return await streamToFile(response.body, destination, options.maxBytes, current.href);
    }
  } catch (error) {
    throw networkFailure(error, signal, options.timeoutMs);
  }
}

async function streamToFile(body: NodeJS.ReadableStream, destination: string, maxBytes: number, url: string): Promise<DownloadedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(new DownloadAttemptError(`${redactUrl(url)} sent more than the ${maxBytes}-byte cap`, false));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(body, meter, createWriteStream(destination, { flags: 'wx', mode: 0o600 }));
  return { sha256: hash.digest('hex'), bytes };
}
