import { ConfigurationError } from '@gatehouse/findings';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverAll } from '../deliver-all';
import { createHttpDispatcher } from '../http/http-dispatcher';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry-policy';
import {
  closedLoopbackPort,
  FakeClock,
  sampleNotification,
  selfSignedCertificate,
  startLoopbackHttpServer,
  type LoopbackHttpServer,
  type ScriptedStep,
} from '../test-support';
import { slackChannel } from './slack-channel';

const servers: LoopbackHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fakeSlack(script: ScriptedStep[], tls?: { key: string; cert: string }) {
  const server = await startLoopbackHttpServer(script, tls);
  servers.push(server);
  return server;
}

async function deliver(url: string, retry: Partial<RetryPolicy> = {}, extra: Partial<Parameters<typeof slackChannel>[0]> = {}) {
  const clock = new FakeClock();
  const channel = slackChannel({ webhookUrl: url, allowInsecureLoopback: true, channel: '#ops-alerts', now: () => clock.now(), ...extra });
  const report = await deliverAll(sampleNotification(), [channel], {
    required: ['slack'],
    retry: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 2_000, ...retry },
    clock,
    random: () => 0,
  });
  return { report, delivery: report.deliveries[0]!, clock };
}

describe('Slack channel against a loopback Slack', () => {
  it('posts the Block Kit JSON and counts 200 "ok" as delivered', async () => {
    const slack = await fakeSlack([{ respond: 200, body: 'ok' }]);
    const { report, delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 1, lastStatus: 200 });
    expect(report.allRequiredDelivered).toBe(true);
    expect(slack.requests).toHaveLength(1);
    const request = slack.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    const payload = JSON.parse(request.body.toString('utf8'));
    expect(payload.channel).toBe('#ops-alerts');
    expect(payload.blocks[0].type).toBe('header');
    expect(delivery.receipt?.detail).toBe(`posted to ${new URL(slack.url).origin} (#ops-alerts)`);
  });

  it('honours Retry-After on 429, then delivers', async () => {
    const slack = await fakeSlack([{ respond: 429, body: 'rate_limited', headers: { 'retry-after': '7' } }, { respond: 200, body: 'ok' }]);
    const { delivery, clock } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(clock.sleeps).toEqual([7_000]);
    expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'failed', status: 429, retryable: true });
  });

  it('retries a 500, then delivers', async () => {
    const slack = await fakeSlack([{ respond: 500, body: 'rollup_error' }, { respond: 200, body: 'ok' }]);
    const { delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(delivery.attemptLog[0]!.error).toMatch(/answered HTTP 500: rollup_error/);
    expect(slack.requests).toHaveLength(2);
  });

  it('retries a reset connection, then delivers', async () => {
    const slack = await fakeSlack([{ reset: true }, { respond: 200, body: 'ok' }]);
    const { delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'failed', retryable: true });
  });

  it('ends attempts that get no answer, retries them, and reports the timeout', async () => {
    const slack = await fakeSlack([{ hang: true }]);
    const { delivery } = await deliver(slack.url, { maxAttempts: 2, attemptTimeoutMs: 150 });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 2, gaveUp: 'attempts-exhausted' });
    expect(delivery.lastError).toBe('timed out after 150 ms');
  });

  it('ends an attempt whose body never finishes', async () => {
    const slack = await fakeSlack([{ slowBody: 200, firstChunk: 'o' }]);
    const { delivery } = await deliver(slack.url, { maxAttempts: 1, attemptTimeoutMs: 150 });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(delivery.lastError).toMatch(/timed out/);
  });

  it('retries a refused connection, then fails with the cause', async () => {
    const port = await closedLoopbackPort();
    const { delivery } = await deliver(`http://127.0.0.1:${port}/services/T/B/secret-token-path`, { maxAttempts: 3 });
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 3, gaveUp: 'attempts-exhausted' });
    expect(delivery.lastError).toMatch(/ECONNREFUSED/);
  });

  it('does not retry 404 no_service, and never repeats the webhook path (a secret) in the report', async () => {
    const slack = await fakeSlack([{ respond: 404, body: 'no_service' }]);
    const { report, delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 404, gaveUp: 'not-retryable' });
    expect(delivery.lastError).toBe(`${new URL(slack.url).origin} answered HTTP 404: no_service`);
    expect(JSON.stringify(report)).not.toContain('not-a-real-token');
    expect(report.allRequiredDelivered).toBe(false);
  });

  it('retries 408 like a timeout', async () => {
    const slack = await fakeSlack([{ respond: 408 }, { respond: 200, body: 'ok' }]);
    const { delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 2 });
  });

  it('does not follow a redirect and does not retry it', async () => {
    const slack = await fakeSlack([{ respond: 302, headers: { location: 'https://elsewhere.example/' } }]);
    const { delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 302 });
    expect(slack.requests).toHaveLength(1);
  });

  it('does not count a 200 without "ok" as delivered, nor retry it (the post may have landed)', async () => {
    const slack = await fakeSlack([{ respond: 200, body: '<html>captive portal</html>' }]);
    const { delivery } = await deliver(slack.url);
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable' });
    expect(delivery.lastError).toMatch(/without "ok"/);
  });

  const certificate = selfSignedCertificate();
  it.skipIf(!certificate)('refuses a certificate it cannot verify, without retrying, and delivers once the CA is trusted', async () => {
    const slack = await fakeSlack([{ respond: 200, body: 'ok' }], certificate);
    const untrusted = await deliver(slack.url, {}, { allowInsecureLoopback: false });
    expect(untrusted.delivery).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable' });
    expect(untrusted.delivery.lastError).toMatch(/SELF_SIGNED|certificate/i);
    const trusted = await deliver(slack.url, {}, { allowInsecureLoopback: false, dispatcher: createHttpDispatcher({ ca: certificate!.cert }) });
    expect(trusted.delivery).toMatchObject({ outcome: 'delivered', attempts: 1 });
  });
});

describe('slackChannel options', () => {
  it('refuses plain http unless to loopback in tests, without echoing the URL', () => {
    expect(() => slackChannel({ webhookUrl: 'http://hooks.slack.com/services/T/B/sekrit' })).toThrow(ConfigurationError);
    expect(() => slackChannel({ webhookUrl: 'http://10.0.0.1/services/T/B/sekrit', allowInsecureLoopback: true })).toThrow(/https/);
    expect(() => slackChannel({ webhookUrl: 'http://localhost/x', allowInsecureLoopback: true })).toThrow(/https/);
    try {
      slackChannel({ webhookUrl: 'http://hooks.slack.com/services/T/B/sekrit' });
    } catch (error) {
      expect(String(error)).not.toContain('sekrit');
    }
  });

  it('refuses a channel hint that is not a channel name', () => {
    expect(() => slackChannel({ webhookUrl: 'https://hooks.slack.com/services/T/B/x', channel: '<!channel>' })).toThrow(/channel hint/);
  });
});
