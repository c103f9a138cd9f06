import { request, type Dispatcher } from 'undici';
import { DeliveryError, isRetryableHttpStatus } from '../delivery-error';
import { cleanLine, fitText } from '../text/plain-text';
import { describeEndpoint } from './endpoint-url';
import { parseRetryAfter } from './retry-after';

export interface PostOptions {
  headers: Readonly<Record<string, string>>;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
  /** Bytes of the response body kept; the rest is discarded (we only need a status word). */
  maxResponseBytes?: number;
}

export interface PostResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// Certificate problems do not fix themselves between attempts; retrying only delays the report.
const TLS_CONFIG_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME/i;

function networkError(error: unknown, url: URL): DeliveryError {
  const cause = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = cause.code ?? cause.cause?.code;
  const detail = cause.cause?.message ?? cause.message ?? String(error);
  // Node and undici messages name host and port, never the path; strip it anyway in case one does.
  const text = detail.split(url.href).join(describeEndpoint(url)).split(url.pathname).join('/…');
  const retryable = !(code && TLS_CONFIG_ERRORS.test(code)) && !TLS_CONFIG_ERRORS.test(text.slice(0, 60));
  return new DeliveryError(`${describeEndpoint(url)}: ${code ? `${code} ` : ''}${text}`, { retryable, cause: error });
}

async function readCapped(body: AsyncIterable<Buffer>, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk.subarray(0, max - size));
    size += chunk.length;
    // Leaving the loop destroys the stream: a server that streams forever cannot keep us reading.
    if (size >= max) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One POST, whole (connect, headers and body) under the caller's signal. Network failures become
 * retryable DeliveryErrors except certificate problems; an abort is rethrown as is so the caller can
 * say why it aborted. HTTP statuses are returned, not judged: each channel knows what success means.
 */
export async function postBody(url: URL, body: string | Buffer, options: PostOptions): Promise<PostResponse> {
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: options.headers,
      signal: options.signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const text = await readCapped(response.body, options.maxResponseBytes ?? 16 * 1024);
    return { status: response.statusCode, headers: response.headers, body: text };
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw networkError(error, url);
  }
}

/** A short, single-line excerpt of a response body for the report (Slack answers `invalid_payload`). */
export function bodyExcerpt(body: string): string {
  const line = cleanLine(body).trim();
  return line ? `: ${fitText(line, 120)}` : '';
}

/** The DeliveryError for a non-success HTTP response: 408/429/5xx retryable, Retry-After honoured. */
export function httpFailure(url: URL, response: PostResponse, nowMs: number): DeliveryError {
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
  return new DeliveryError(`${describeEndpoint(url)} answered HTTP ${response.status}${bodyExcerpt(response.body)}`, {
    retryable: isRetryableHttpStatus(response.status),
    status: response.status,
    ...(retryAfterMs !== undefined && isRetryableHttpStatus(response.status) ? { retryAfterMs } : {}),
  });
}
