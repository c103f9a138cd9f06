import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const secret = randomBytes(32).toString('hex');
const body = '{"version":"gatehouse.notification.v1","x":"é"}';
const now = Date.parse('2026-03-01T12:00:00Z');
const timestamp = Math.floor(now / 1000);

function headers(overrides: Record<string, string | string[] | undefined> = {}) {
  return {
    'x-gatehouse-signature-256': signWebhookBody(body, secret, timestamp),
    'x-gatehouse-timestamp': String(timestamp),
    'x-gatehouse-delivery': '3b241101-e2bb-4255-8caf-4136c566a962',
    ...overrides,
  };
}

describe('webhook signatures', () => {
  it('signs "<timestamp>.<raw body>" with HMAC-SHA256, as documented for receivers', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhookBody(body, secret, timestamp)).toBe(`sha256=${expected}`);
    expect(signWebhookBody(Buffer.from(body), secret, timestamp)).toBe(`sha256=${expected}`);
  });

  it('accepts a fresh, correctly signed request and returns its delivery id', () => {
    expect(verifyWebhookSignature(body, headers(), secret, now)).toEqual({
      valid: true,
      timestamp: new Date(timestamp * 1000),
      deliveryId: '3b241101-e2bb-4255-8caf-4136c566a962',
    });
  });

  it('reads headers case-insensitively, from a plain object or a fetch Headers', () => {
    const mixed = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhookSignature(body, mixed, secret, now).valid).toBe(true);
    expect(verifyWebhookSignature(body, new Headers(headers() as Record<string, string>), secret, now).valid).toBe(true);
  });

  it('refuses a body changed by one byte', () => {
    expect(verifyWebhookSignature(body.replace('é', 'e'), headers(), secret, now)).toEqual({ valid: false, reason: 'signature-mismatch' });
  });

  it('refuses the right body signed with another secret', () => {
    expect(verifyWebhookSignature(body, headers(), randomBytes(32).toString('hex'), now)).toEqual({ valid: false, reason: 'signature-mismatch' });
  });

  it('refuses a replay whose timestamp is outside the tolerance, in either direction', () => {
    expect(verifyWebhookSignature(body, headers(), secret, now + 5 * 60_000 + 1_000)).toEqual({ valid: false, reason: 'timestamp-outside-tolerance' });
    expect(verifyWebhookSignature(body, headers(), secret, now - 5 * 60_000 - 1_000)).toEqual({ valid: false, reason: 'timestamp-outside-tolerance' });
    expect(verifyWebhookSignature(body, headers(), secret, now + 60_000, 30_000)).toEqual({ valid: false, reason: 'timestamp-outside-tolerance' });
  });

  it('refuses a timestamp changed to look fresh (it is part of the signed material)', () => {
    const later = headers({ 'x-gatehouse-timestamp': String(timestamp + 600) });
    expect(verifyWebhookSignature(body, later, secret, now + 600_000)).toEqual({ valid: false, reason: 'signature-mismatch' });
  });

  it('says what is missing or malformed', () => {
    expect(verifyWebhookSignature(body, headers({ 'x-gatehouse-signature-256': undefined }), secret, now)).toEqual({ valid: false, reason: 'missing-signature' });
    expect(verifyWebhookSignature(body, headers({ 'x-gatehouse-signature-256': 'sha1=abc' }), secret, now)).toEqual({ valid: false, reason: 'malformed-signature' });
    expect(verifyWebhookSignature(body, headers({ 'x-gatehouse-signature-256': ['a', 'b'] }), secret, now)).toEqual({ valid: false, reason: 'malformed-signature' });
    expect(verifyWebhookSignature(body, headers({ 'x-gatehouse-timestamp': undefined }), secret, now)).toEqual({ valid: false, reason: 'missing-timestamp' });
    expect(verifyWebhookSignature(body, headers({ 'x-gatehouse-timestamp': '1e9' }), secret, now)).toEqual({ valid: false, reason: 'malformed-timestamp' });
  });

  it('accepts any of several secrets while one is being rotated', () => {
    expect(verifyWebhookSignature(body, headers(), ['old-secret-old-secret', secret], now).valid).toBe(true);
  });

  it('refuses to verify with an empty secret rather than accept anything', () => {
    expect(() => verifyWebhookSignature(body, headers(), '', now)).toThrow(/non-empty shared secret/);
    expect(() => verifyWebhookSignature(body, headers(), [], now)).toThrow(/non-empty shared secret/);
  });
});
