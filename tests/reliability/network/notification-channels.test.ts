import { afterEach, describe, expect } from 'vitest';
import {
  deliverAll,
  DEFAULT_RETRY_POLICY,
  emailChannel,
  renderDeliveryReportMarkdown,
  slackChannel,
  type DeliveryReport,
  type NotificationChannel,
} from '../../../packages/notify/src/index';
import {
  FakeClock,
  sampleNotification,
  startLoopbackHttpServer,
  startLoopbackSmtpServer,
  type ScriptedStep,
} from '../../../packages/notify/src/test-support/index';
import { authorizeOverride, overrideMayProceed, parsePolicy } from '../../../packages/policy/src/index';
import { networkCases, type NetworkFault } from '../catalog/network';
import { caseById, caseTest } from '../support/case-test';
import { startRawTcpServer, type RawBehaviour } from './raw-tcp-server';

const cases = networkCases();
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const MAX_ATTEMPTS = 3;
const retry = { ...DEFAULT_RETRY_POLICY, maxAttempts: MAX_ATTEMPTS, initialDelayMs: 10, maxDelayMs: 50, attemptTimeoutMs: 800, totalDeadlineMs: 30_000 };

async function deliver(channel: NotificationChannel, clock = new FakeClock()): Promise<DeliveryReport> {
  return deliverAll(sampleNotification(), [channel], { required: [channel.name], retry, channelRetry: { email: { attemptTimeoutMs: 2_000 } }, clock, random: () => 0 });
}

/** Nothing lost: the notification is in the report and its Markdown says it was not delivered. */
function expectKept(report: DeliveryReport, channel: string): void {
  expect(report.allRequiredDelivered).toBe(false);
  expect(report.undelivered).toEqual([channel]);
  expect(report.notification.title).toBe(sampleNotification().title);
  const markdown = renderDeliveryReportMarkdown(report);
  expect(markdown).toContain('Not every required channel confirmed delivery');
  expect(markdown).toContain(channel);
}

const OVERRIDE_POLICY = parsePolicy(
  [
    'version: 1',
    'notifications:',
    '  channels:',
    '    - name: slack',
    '      kind: slack',
    '      channel: "#ops-alerts"',
    '      required: true',
    'override:',
    '  users: [release-manager]',
    '  environments: [production]',
    '  notify: [slack]',
    '  requireTicket: false',
    '',
  ].join('\n'),
  '.github/gatehouse.yml',
).policy;

describe('Slack under network faults', () => {
  const slackWith = async (script: ScriptedStep[]) => {
    const server = await startLoopbackHttpServer(script);
    closers.push(server);
    return { server, channel: slackChannel({ webhookUrl: server.url, allowInsecureLoopback: true }) };
  };

  caseTest(caseById(cases, 'network/slack/rate-limited'), async () => {
    const { server, channel } = await slackWith([{ respond: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' }, { respond: 200, body: 'ok' }]);
    const clock = new FakeClock();
    const report = await deliver(channel, clock);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(report.deliveries[0]!.attemptLog[1]!.waitedBeforeMs).toBeGreaterThanOrEqual(3_000);
    expect(server.requests).toHaveLength(2);
  });

  caseTest(caseById(cases, 'network/slack/server-error'), async () => {
    const { server, channel } = await slackWith([{ respond: 500, body: 'rollup_error' }]);
    const report = await deliver(channel);
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: MAX_ATTEMPTS, lastStatus: 500 });
    expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    expectKept(report, 'slack');
    const authorization = authorizeOverride(
      OVERRIDE_POLICY,
      { actor: 'release-manager', actorTeams: [], environment: 'production', event: 'workflow_dispatch', fromFork: false, reason: 'hotfix' },
      new Date('2026-03-01T12:00:00Z'),
    );
    expect(authorization.allowed).toBe(true);
    const delivered = new Map(report.deliveries.map((d) => [d.channel, d.outcome === 'delivered']));
    expect(overrideMayProceed(authorization, delivered), 'an override whose required notification failed stays blocked').toBe(false);
  });

  const persistent: [NetworkFault, ScriptedStep][] = [
    ['connection-reset', { reset: true }],
    ['timeout', { hang: true }],
    ['slow-body', { slowBody: 200, firstChunk: 'o' }],
  ];
  for (const [fault, step] of persistent) {
    caseTest(caseById(cases, `network/slack/${fault}`), async () => {
      const { server, channel } = await slackWith([step]);
      const report = await deliver(channel);
      expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: MAX_ATTEMPTS });
      expect(server.requests).toHaveLength(MAX_ATTEMPTS);
      expectKept(report, 'slack');
    });
  }
});

describe('SMTP under network faults', () => {
  const email = (port: number) =>
    emailChannel({
      host: '127.0.0.1',
      port,
      insecure: true,
      allowInsecureLoopback: true,
      from: 'gatehouse@example.com',
      to: ['ops@example.com'],
      timeoutsMs: { connection: 1_000, greeting: 1_000, socket: 1_000 },
    });

  caseTest(caseById(cases, 'network/smtp/rate-limited'), async () => {
    const smtp = await startLoopbackSmtpServer({ failFirstSessions: { count: 1, code: 451, message: 'Try again later' } });
    closers.push(smtp);
    const report = await deliver(email(smtp.port));
    expect(report.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  caseTest(caseById(cases, 'network/smtp/server-error'), async () => {
    const smtp = await startLoopbackSmtpServer({ failFirstSessions: { count: 100, code: 554, message: 'Transaction failed' } });
    closers.push(smtp);
    const report = await deliver(email(smtp.port));
    expect(report.deliveries[0]).toMatchObject({ outcome: 'failed', attempts: 1, gaveUp: 'not-retryable', lastStatus: 554 });
    expect(smtp.received).toHaveLength(0);
    expectKept(report, 'email');
  });

  const raw: [NetworkFault, RawBehaviour][] = [
    ['connection-reset', 'reset'],
    ['timeout', 'silent'],
    ['slow-body', 'greet-then-stall'],
  ];
  for (const [fault, behaviour] of raw) {
    caseTest(
      caseById(cases, `network/smtp/${fault}`),
      async () => {
        const server = await startRawTcpServer(behaviour);
        closers.push(server);
        const report = await deliver(email(server.port));
        expect(report.deliveries[0]!.outcome).toBe('failed');
        expect(report.deliveries[0]!.attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
        expect(server.connections).toBeLessThanOrEqual(MAX_ATTEMPTS);
        expectKept(report, 'email');
      },
      30_000,
    );
  }
});
