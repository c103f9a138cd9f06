import { codeDraft, finalized } from '@gatehouse/findings/test-support';
import type { RetryPolicy } from '@gatehouse/notify';
import { startLoopbackHttpServer, startLoopbackSmtpServer, type LoopbackHttpServer } from '@gatehouse/notify/test-support';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gateDocument, publisherSetup } from '../test/support/publisher-setup';
import { alertReasons, gateNotifications, smtpSettings, type GateNotificationInputs } from './gate-notifications';

// Short waits between attempts, but attempts as long as production's: a loaded CI machine must not turn a slow answer into a retry.
const RETRY: RetryPolicy = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10, attemptTimeoutMs: 15_000, totalDeadlineMs: 60_000, maxRetryAfterMs: 50 };
const NOW = new Date('2026-11-22T12:00:00Z');
const WEBHOOK_SECRET = 'whsec-' + 'x'.repeat(30);
const SMTP_PASSWORD = 'hunter2-' + 'p'.repeat(12);

let github: FakeGitHub;
let servers: { close(): Promise<void> }[];
beforeEach(async () => {
  github = await FakeGitHub.start();
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await github.close();
});

const [high, critical] = finalized([
  codeDraft({ severity: 'high', location: { kind: 'code', path: 'app/main.py', startLine: 5 } }),
  codeDraft({ severity: 'critical', ruleId: 'B105', title: 'Hard-coded password', location: { kind: 'code', path: 'app/settings.py', startLine: 2 } }),
]);

async function http(script: Parameters<typeof startLoopbackHttpServer>[0]): Promise<LoopbackHttpServer> {
  const server = await startLoopbackHttpServer(script);
  servers.push(server);
  return server;
}

function inputs(overrides: Partial<GateNotificationInputs>): GateNotificationInputs {
  return { 'notify-on': ['block', 'incomplete', 'critical'], 'email-to': [], 'notify-issue': false, ...overrides };
}

async function publish(notifyInputs: GateNotificationInputs, event: 'push' | 'pull_request' = 'push', findings = [high!]) {
  const document = gateDocument(findings, { now: NOW });
  return gateNotifications(notifyInputs, { retry: RETRY }).publish(publisherSetup(github, { now: NOW, event }), document);
}

describe('policy-gate notifications', () => {
  it('tells Slack (after a 500), a signed webhook and e-mail when a default-branch run blocks, and reports each delivery', async () => {
    const slack = await http([{ respond: 500, body: 'oops' }, { respond: 200, body: 'ok' }]);
    const webhook = await http([{ respond: 204 }]);
    const smtp = await startLoopbackSmtpServer();
    servers.push(smtp);

    const published = await publish(
      inputs({
        'slack-webhook-url': `${slack.url}/services/T000/B000/secretpath`,
        'webhook-url': `${webhook.url}/hook`,
        'webhook-secret': WEBHOOK_SECRET,
        'smtp-url': `smtp://127.0.0.1:${smtp.port}?tls=none`,
        'email-from': 'gatehouse@example.com',
        'email-to': ['ops@example.com'],
      }),
    );

    expect(slack.requests).toHaveLength(2);
    expect(slack.requests[1]!.body.toString()).toContain('app/main.py:5');
    expect(webhook.requests[0]!.headers['x-gatehouse-signature-256']).toMatch(/^sha256=/);
    expect(JSON.parse(webhook.requests[0]!.body.toString())).toMatchObject({ notification: { kind: 'blocked-deploy' } });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.rcptTo).toEqual(['ops@example.com']);
    expect(published.notes).toEqual(['Notifications: 3 of 3 channel(s) confirmed delivery.']);
    const section = published.sections!.join('\n');
    expect(section).toMatch(/### Notifications[\s\S]*slack[\s\S]*webhook[\s\S]*email/);
    for (const secret of ['secretpath', WEBHOOK_SECRET, SMTP_PASSWORD]) expect(`${section}${published.notes!.join('')}`).not.toContain(secret);
  });

  it('says which channel failed and never throws when Slack stays down', async () => {
    const slack = await http([{ respond: 503 }]);
    const webhook = await http([{ respond: 200 }]);
    const published = await publish(inputs({ 'slack-webhook-url': `${slack.url}/x`, 'webhook-url': `${webhook.url}/hook`, 'webhook-secret': WEBHOOK_SECRET }));
    expect(slack.requests).toHaveLength(3);
    expect(published.notes).toEqual(['Notifications: 1 of 2 channel(s) confirmed delivery; not delivered: slack.']);
    expect(published.sections!.join('\n')).toMatch(/slack.*failed/);
  });

  it('announces nothing for a pull request', async () => {
    const slack = await http([{ respond: 200, body: 'ok' }]);
    expect(await publish(inputs({ 'slack-webhook-url': `${slack.url}/x` }), 'pull_request')).toEqual({});
    expect(slack.requests).toEqual([]);
  });

  it('leaves out a misconfigured channel, says why without its secret, and still uses the others', async () => {
    const slack = await http([{ respond: 200, body: 'ok' }]);
    const published = await publish(inputs({ 'slack-webhook-url': `${slack.url}/x`, 'webhook-url': 'https://hooks.example.com/abc', 'smtp-url': `smtps://me:${SMTP_PASSWORD}@` }));
    expect(slack.requests).toHaveLength(1);
    const notes = published.notes!.join('\n');
    expect(notes).toContain('The webhook channel is not used: webhook-url needs webhook-secret');
    expect(notes).toContain('The e-mail channel is not used');
    expect(notes).not.toContain(SMTP_PASSWORD);
    expect(notes).toContain('1 of 1 channel(s) confirmed delivery');
  });

  it('opens a GitHub issue for the announced run when notify-issue is set', async () => {
    const published = await publish(inputs({ 'notify-issue': true }));
    expect(github.state.issues).toHaveLength(1);
    expect(github.state.issues[0]!.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['security-blocked-deploy', 'gatehouse']));
    expect(published.notes).toEqual(['Notifications: 1 of 1 channel(s) confirmed delivery.']);
  });
});

describe('alertReasons', () => {
  it('announces a critical finding even when nothing blocks, on the default branch only', () => {
    const document = gateDocument([critical!], { now: NOW, policy: { rules: { block: 'none' } } });
    expect(document.decision.verdict).not.toBe('block');
    expect(alertReasons(document, true, ['block', 'critical'])).toEqual(['critical']);
    expect(alertReasons(document, true, ['block'])).toEqual([]);
    expect(alertReasons(document, false, ['block', 'critical'])).toEqual([]);
  });
});

describe('smtpSettings', () => {
  it('reads implicit TLS, STARTTLS and credentials, and never repeats the URL in an error', () => {
    expect(smtpSettings(`smtps://me%40corp:${SMTP_PASSWORD}@mail.example.com:465`)).toEqual({ host: 'mail.example.com', port: 465, secure: true, insecure: false, auth: { user: 'me@corp', pass: SMTP_PASSWORD } });
    expect(smtpSettings('smtp://mail.example.com')).toMatchObject({ secure: false, insecure: false });
    expect(() => smtpSettings(`http://me:${SMTP_PASSWORD}@x`)).toThrow(/must start with smtps:\/\/ or smtp:\/\//);
    try {
      smtpSettings(`not a url ${SMTP_PASSWORD}`);
    } catch (error) {
      expect(String(error)).not.toContain(SMTP_PASSWORD);
    }
  });
});
