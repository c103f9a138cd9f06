import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '@gatehouse/findings';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverAll } from '../deliver-all';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { FakeClock, sampleNotification, startLoopbackHttpServer, type LoopbackHttpServer, type ScriptedStep } from '../test-support';
import { webhookChannel } from './webhook-channel';
import { WEBHOOK_PAYLOAD_VERSION, WebhookPayloadSchema } from './webhook-payload';
import { verifyWebhookSignature } from './webhook-signature';

const secret = randomBytes(32).toString('hex');
const servers: LoopbackHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function run(script: ScriptedStep[]) {
  const server = await startLoopbackHttpServer(script);
  servers.push(server);
  const clock = new FakeClock();
  const report = await deliverAll(sampleNotification(), [webhookChannel({ url: server.url, secret, allowInsecureLoopback: true, now: () => clock.now() })], {
    required: ['webhook'],
    retry: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 2_000 },
    clock,
    random: () => 0,
  });
  return { server, clock, report, delivery: report.deliveries[0]! };
}

describe('webhook channel against a loopback receiver', () => {
  it('posts a versioned payload that the receiver can verify with the shared secret', async () => {
    const { server, clock, delivery } = await run([{ respond: 204 }]);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 1, lastStatus: 204 });
    const request = server.requests[0]!;
    const verification = verifyWebhookSignature(request.body, request.headers, secret, clock.now());
    expect(verification).toEqual({ valid: true, timestamp: new Date(Math.floor(clock.now() / 1000) * 1000), deliveryId: delivery.deliveryId });
    const payload = WebhookPayloadSchema.parse(JSON.parse(request.body.toString('utf8')));
    expect(payload).toMatchObject({ version: WEBHOOK_PAYLOAD_VERSION, deliveryId: delivery.deliveryId, attempt: 1 });
    expect(payload.notification).toEqual(sampleNotification());
    expect(request.headers['x-gatehouse-event']).toBe('override');
    expect(delivery.receipt?.reference).toBe(delivery.deliveryId);
  });

  it('re-signs each retry under the same delivery id', async () => {
    const { server, clock, delivery } = await run([{ respond: 503, headers: { 'retry-after': '2' } }, { respond: 200 }]);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    const [first, second] = server.requests;
    expect(first!.headers['x-gatehouse-delivery']).toBe(second!.headers['x-gatehouse-delivery']);
    expect(first!.headers['x-gatehouse-timestamp']).not.toBe(second!.headers['x-gatehouse-timestamp']);
    expect(verifyWebhookSignature(second!.body, second!.headers, secret, clock.now()).valid).toBe(true);
    expect(JSON.parse(second!.body.toString('utf8')).attempt).toBe(2);
  });

  it('does not retry a receiver that refuses the request (401)', async () => {
    const { delivery, report } = await run([{ respond: 401, body: 'bad signature' }]);
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 401, gaveUp: 'not-retryable' });
    expect(report.allRequiredDelivered).toBe(false);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const retryAt = new Date(Date.parse('2026-03-01T12:00:20Z')).toUTCString();
    const { delivery, clock } = await run([{ respond: 503, headers: { 'retry-after': retryAt } }, { respond: 200 }]);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(clock.sleeps).toEqual([20_000]);
  });
});

describe('webhookChannel options', () => {
  it('refuses a short secret and a non-https URL', () => {
    expect(() => webhookChannel({ url: 'https://example.com/hook', secret: 'short' })).toThrow(/at least 16 characters/);
    expect(() => webhookChannel({ url: 'http://example.com/hook', secret })).toThrow(ConfigurationError);
    expect(() => webhookChannel({ url: 'https://user:pw@example.com/hook', secret })).toThrow(/user name or password/);
  });
});
