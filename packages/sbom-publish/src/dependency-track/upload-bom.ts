import { setTimeout as delay } from 'node:timers/promises';
import { ConfigurationError, errorMessage, type Logger } from '@gatehouse/findings';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { dependencyTrackBomUrl, describeServer, type DependencyTrackEndpointOptions } from './endpoint';

/**
 * Uploads a CycloneDX SBOM to Dependency-Track: `PUT /api/v1/bom` with the API key in `X-Api-Key`
 * and a JSON body `{projectName, projectVersion, autoCreate: true, bom: <base64>}` (the BOM
 * upload API of Dependency-Track 4.x). The server answers with a processing token; analysis then
 * runs on the server, asynchronously.
 *
 * Retries are bounded: 429, 5xx, timeouts and network errors are retried with exponential backoff
 * (a Retry-After up to `maxRetryAfterMs` is honoured); 400 (a BOM the server refused), 401 and 403
 * (a key that is wrong or lacks BOM_UPLOAD / PROJECT_CREATION_UPLOAD) and 404 are not. The API key
 * is never logged and never part of an error message.
 */
export interface DependencyTrackUpload {
  /** Base URL of the Dependency-Track API server. */
  url: string;
  apiKey: string;
  projectName: string;
  projectVersion: string;
  /** The CycloneDX JSON text, already validated. */
  bom: string;
  autoCreate?: boolean;
  parentName?: string;
  parentVersion?: string;
  /** Mark this version as the project's latest (Dependency-Track ≥ 4.12). */
  isLatest?: boolean;
}

export interface UploadPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  attemptTimeoutMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_UPLOAD_POLICY: Readonly<UploadPolicy> = Object.freeze({ maxAttempts: 4, initialDelayMs: 2_000, maxDelayMs: 20_000, attemptTimeoutMs: 60_000, maxRetryAfterMs: 60_000 });

export interface UploadOptions extends DependencyTrackEndpointOptions {
  logger: Logger;
  policy?: Partial<UploadPolicy>;
  /** Proxy settings (HTTPS_PROXY, NO_PROXY); process.env when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type UploadOutcome =
  | { status: 'uploaded'; token?: string; attempts: number; server: string }
  | { status: 'failed'; reason: string; httpStatus?: number; attempts: number; server: string };

const MAX_BOM_BYTES = 200 * 1024 * 1024;
const RETRIABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const NOT_RETRIED: Readonly<Record<number, string>> = {
  400: 'Dependency-Track refused the request (the BOM or a field is invalid)',
  401: 'the API key was refused (401): check dependency-track-api-key',
  403: 'the API key lacks a permission (403): it needs BOM_UPLOAD, and PROJECT_CREATION_UPLOAD to create the project',
  404: 'no BOM upload API at this URL (404): check dependency-track-url, which names the API server',
  413: 'the BOM is larger than Dependency-Track accepts (413)',
};

function checkUpload(upload: DependencyTrackUpload): void {
  if (!upload.apiKey || /[\0\r\n]/.test(upload.apiKey)) throw new ConfigurationError('dependency-track-api-key is empty or holds a line break');
  for (const [field, value] of [['project name', upload.projectName], ['project version', upload.projectVersion]] as const) {
    if (!value || value.length > 255 || /[\0-\x1f]/.test(value)) throw new ConfigurationError(`Dependency-Track ${field} must be 1 to 255 characters without control characters`);
  }
  if (Buffer.byteLength(upload.bom) > MAX_BOM_BYTES) throw new ConfigurationError(`the SBOM is larger than ${MAX_BOM_BYTES} bytes, more than Gatehouse uploads`);
}

function bodyOf(upload: DependencyTrackUpload): string {
  return JSON.stringify({
    projectName: upload.projectName,
    projectVersion: upload.projectVersion,
    autoCreate: upload.autoCreate ?? true,
    ...(upload.parentName ? { parentName: upload.parentName } : {}),
    ...(upload.parentVersion ? { parentVersion: upload.parentVersion } : {}),
    ...(upload.isLatest !== undefined ? { isLatest: upload.isLatest } : {}),
    bom: Buffer.from(upload.bom, 'utf8').toString('base64'),
  });
}

function dispatcherFor(env: Readonly<Record<string, string | undefined>>): Dispatcher {
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  if (!httpsProxy && !httpProxy) return new Agent();
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' });
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1_000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A short, safe description of what the server said: the problem title/detail of RFC 9457, never the body as is. */
function serverSays(body: string): string {
  try {
    const doc = JSON.parse(body) as { title?: unknown; detail?: unknown; message?: unknown };
    const parts = [doc.title, doc.detail, doc.message].filter((p): p is string => typeof p === 'string');
    return parts.length ? `: ${parts.join(' - ').replace(/\s+/g, ' ').slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

export async function uploadBomToDependencyTrack(upload: DependencyTrackUpload, options: UploadOptions): Promise<UploadOutcome> {
  const url = dependencyTrackBomUrl(upload.url, options);
  checkUpload(upload);
  const server = describeServer(url);
  const policy = { ...DEFAULT_UPLOAD_POLICY, ...options.policy };
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const dispatcher = options.dispatcher ?? dispatcherFor(options.env ?? process.env);
  const body = bodyOf(upload);
  const { logger } = options;
  let lastReason = 'no attempt was made';
  let lastStatus: number | undefined;

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    let wait: number | undefined;
    try {
      const response = await request(url, {
        method: 'PUT',
        dispatcher,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-api-key': upload.apiKey, 'user-agent': 'gatehouse-sbom-publish' },
        body,
        headersTimeout: policy.attemptTimeoutMs,
        bodyTimeout: policy.attemptTimeoutMs,
        signal: AbortSignal.timeout(policy.attemptTimeoutMs),
      });
      const text = (await response.body.text()).slice(0, 64 * 1024);
      const status = response.statusCode;
      lastStatus = status;
      if (status >= 200 && status < 300) {
        let token: string | undefined;
        try {
          const parsed = JSON.parse(text) as { token?: unknown };
          if (typeof parsed.token === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.token)) token = parsed.token;
        } catch {
          /* an empty or non-JSON 2xx still means the BOM was accepted */
        }
        logger.info(`Dependency-Track (${server}) accepted the SBOM of ${upload.projectName} ${upload.projectVersion}${token ? ` (processing token ${token})` : ''}`);
        return { status: 'uploaded', ...(token ? { token } : {}), attempts: attempt, server };
      }
      if (!RETRIABLE.has(status)) {
        return { status: 'failed', reason: `${NOT_RETRIED[status] ?? `Dependency-Track answered ${status}`}${serverSays(text)}`, httpStatus: status, attempts: attempt, server };
      }
      lastReason = `Dependency-Track answered ${status}${serverSays(text)}`;
      wait = retryAfterMs(response.headers['retry-after']);
      if (wait !== undefined && wait > policy.maxRetryAfterMs) {
        return { status: 'failed', reason: `${lastReason}, and asked to wait ${Math.round(wait / 1000)} s, longer than ${Math.round(policy.maxRetryAfterMs / 1000)} s`, httpStatus: status, attempts: attempt, server };
      }
    } catch (error) {
      lastStatus = undefined;
      lastReason = `the request failed: ${errorMessage(error).replace(/\s+/g, ' ').slice(0, 300)}`;
    }
    if (attempt < policy.maxAttempts) {
      const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
      const backoff = Math.round(exponential / 2 + (exponential / 2) * random());
      const ms = Math.max(wait ?? 0, backoff);
      logger.warning(`Dependency-Track upload attempt ${attempt}/${policy.maxAttempts} failed (${lastReason}); retrying in ${ms} ms`);
      await sleep(ms);
    }
  }
  return { status: 'failed', reason: `${lastReason} (after ${policy.maxAttempts} attempts)`, ...(lastStatus ? { httpStatus: lastStatus } : {}), attempts: policy.maxAttempts, server };
}
