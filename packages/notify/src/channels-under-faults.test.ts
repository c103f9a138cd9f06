import { afterEach, describe, expect, it } from 'vitest';
import { deliverAll } from './deliver-all';
import { emailChannel } from './email/email-channel';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { slackChannel } from './slack/slack-channel';
import {
  closedLoopbackPort,
  FakeClock,
  sampleNotification,
  startLoopbackHttpServer,
  startLoopbackSmtpServer,
  type LoopbackHttpServer,
  type LoopbackSmtpServer,
} from './test-support';
import { webhookChannel } from './webhook/webhook-channel';

const closers: (LoopbackHttpServer | LoopbackSmtpServer)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((s) => s.close()));
});

// Real timers bound each attempt (1 s for the HTTP fakes, generous enough for a loaded machine to get
// the 500 in time; more for an SMTP session); the fake clock makes backoff instant.
const retry = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, attemptTimeoutMs: 1_000 };
const channelRetry = { email: { attemptTimeoutMs: 10_000 } };

async function slackDownThenHanging() {
  const slack = await startLoopbackHttpServer([{ respond: 500, body: 'rollup_error' }, { hang: true }]);
  closers.push(slack);
  return slack;
}

async function mailServer() {
  const smtp = await startLoopbackSmtpServer({});
  closers.push(smtp);
  return smtp;
}

const email = (port: number) => emailChannel({ host: '127.0.0.1', port, insecure: true, allowInsecureLoopback: true, from: 'gatehouse@example.com', to: ['ops@example.com'] });

describe('several channels under network faults', () => {
  it('Slack down (500, then no answer) with e-mail up: Slack failed, e-mail delivered, the report says which required channels made it', async () => {
    const slack = await slackDownThenHanging();
    const smtp = await mailServer();
    const channels = [slackChannel({ webhookUrl: slack.url, allowInsecureLoopback: true, channel: '#ops-alerts' }), email(smtp.port)];

    const onlyEmailRequired = await deliverAll(sampleNotification(), channels, { required: ['email'], retry, channelRetry, clock: new FakeClock(), random: () => 0 });
    const slackDelivery = onlyEmailRequired.deliveries.find((d) => d.channel === 'slack')!;
    expect(slackDelivery).toMatchObject({ outcome: 'failed', attempts: 3, gaveUp: 'attempts-exhausted', required: false });
    expect(slackDelivery.attemptLog.map((a) => a.status ?? a.error)).toEqual([500, 'timed out after 1.0 s', 'timed out after 1.0 s']);
    expect(onlyEmailRequired.deliveries.find((d) => d.channel === 'email')).toMatchObject({ outcome: 'delivered', attempts: 1, required: true });
    expect(onlyEmailRequired.allRequiredDelivered).toBe(true);
    expect(onlyEmailRequired.undelivered).toEqual(['slack']);

    const bothRequired = await deliverAll(sampleNotification(), channels, { required: ['slack', 'email'], retry, channelRetry, clock: new FakeClock(), random: () => 0 });
    expect(bothRequired.allRequiredDelivered).toBe(false);
    expect(bothRequired.deliveries.find((d) => d.channel === 'email')!.outcome).toBe('delivered');
    expect(smtp.received).toHaveLength(2);
  });

  it('every required channel down: nothing delivered, allRequiredDelivered false, the message kept in the report', async () => {
    const slack = await slackDownThenHanging();
    const deadPort = await closedLoopbackPort();
    const hook = await startLoopbackHttpServer([{ reset: true }]);
    closers.push(hook);
    const channels = [
      slackChannel({ webhookUrl: slack.url, allowInsecureLoopback: true }),
      email(deadPort),
      webhookChannel({ url: hook.url, secret: 'a-shared-secret-of-enough-length', allowInsecureLoopback: true }),
    ];
    const notification = sampleNotification();
    const report = await deliverAll(notification, channels, { required: ['slack', 'email', 'webhook'], retry, channelRetry, clock: new FakeClock(), random: () => 0 });
    expect(report.allRequiredDelivered).toBe(false);
    expect(report.undelivered).toEqual(['slack', 'email', 'webhook']);
    expect(report.deliveries.every((d) => d.attempts === 3 && d.gaveUp === 'attempts-exhausted')).toBe(true);
    expect(report.notification).toEqual(notification);
    expect(hook.requests).toHaveLength(3);
  });
});
