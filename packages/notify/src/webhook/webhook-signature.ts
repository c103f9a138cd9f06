import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '@gatehouse/findings';

export const SIGNATURE_HEADER = 'X-Gatehouse-Signature-256';
export const TIMESTAMP_HEADER = 'X-Gatehouse-Timestamp';
export const DELIVERY_HEADER = 'X-Gatehouse-Delivery';
export const DEFAULT_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** Shorter shared secrets are refused; 32 random bytes (64 hex characters) is the recommendation. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/**
 * `sha256=` + hex HMAC-SHA256, keyed with the shared secret, of the signed material: the decimal
 * timestamp (seconds since the epoch, as sent in X-Gatehouse-Timestamp), a `.`, then the raw body
 * bytes. Signing the timestamp with the body is what lets a receiver refuse replays.
 */
export function signWebhookBody(body: string | Uint8Array, secret: string, timestampSeconds: number): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestampSeconds}.`, 'utf8');
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `sha256=${hmac.digest('hex')}`;
}

export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookVerificationFailure =
  | 'missing-signature'
  | 'malformed-signature'
  | 'missing-timestamp'
  | 'malformed-timestamp'
  | 'timestamp-outside-tolerance'
  | 'signature-mismatch';

export type WebhookVerification =
  | { valid: true; timestamp: Date; deliveryId?: string }
  | { valid: false; reason: WebhookVerificationFailure };

/** One header value, case-insensitively: undefined when absent, null when sent more than once (malformed). */
function header(headers: HeaderSource, name: string): string | undefined | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? undefined : value;
  }
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = (headers as Record<string, string | readonly string[] | undefined>)[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.length === 1 ? (value[0] as string) : null;
    return undefined;
  }
  return undefined;
}

/**
 * For receivers: checks X-Gatehouse-Signature-256 against the raw body (the exact bytes received,
 * before any JSON parsing) and that X-Gatehouse-Timestamp is within `toleranceMs` of `now`. The
 * comparison is constant-time. Pass several secrets while rotating one. Deduplicate on the body's
 * `deliveryId` afterwards: a valid request can be replayed within the tolerance window.
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  headers: HeaderSource,
  secret: string | readonly string[],
  now: number | Date = Date.now(),
  toleranceMs: number = DEFAULT_SIGNATURE_TOLERANCE_MS,
): WebhookVerification {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new ConfigurationError('verifyWebhookSignature needs a non-empty shared secret');
  }
  const signature = header(headers, SIGNATURE_HEADER);
  if (signature === undefined) return { valid: false, reason: 'missing-signature' };
  const match = signature === null ? null : /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match) return { valid: false, reason: 'malformed-signature' };
  const timestampText = header(headers, TIMESTAMP_HEADER);
  if (timestampText === undefined) return { valid: false, reason: 'missing-timestamp' };
  if (timestampText === null || !/^\d{1,12}$/.test(timestampText.trim())) return { valid: false, reason: 'malformed-timestamp' };
  const timestampSeconds = Number(timestampText.trim());
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (Math.abs(nowMs - timestampSeconds * 1000) > toleranceMs) return { valid: false, reason: 'timestamp-outside-tolerance' };

  const received = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const valid = secrets.some((s) => {
    const expected = Buffer.from(signWebhookBody(body, s, timestampSeconds).slice('sha256='.length), 'hex');
    return timingSafeEqual(expected, received);
  });
  if (!valid) return { valid: false, reason: 'signature-mismatch' };
  const deliveryId = header(headers, DELIVERY_HEADER);
  return { valid: true, timestamp: new Date(timestampSeconds * 1000), ...(typeof deliveryId === 'string' ? { deliveryId } : {}) };
}
