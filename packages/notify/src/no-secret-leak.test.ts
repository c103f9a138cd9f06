import { hashSecret, maskSecret, MemoryLogger, type Finding } from '@gatehouse/findings';
import { codeDraft, finalized } from '@gatehouse/findings/test-support';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverAll } from './deliver-all';
import type { DeliveryReport } from './delivery-report';
import { renderDeliveryReportMarkdown } from './delivery-report-markdown';
import { emailChannel } from './email/email-channel';
import { githubIssueChannel } from './github-issue/github-issue-channel';
import type { GitHubIssueRequest } from './github-issue/github-issue-port';
import { createNotification } from './notification';
import { NotificationFindingSchema, toNotificationFinding } from './notification-finding';
import { renderPlainText } from './plain-text-message';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { slackChannel } from './slack/slack-channel';
import {
  FakeClock,
  makeFakeSecrets,
  startLoopbackHttpServer,
  startLoopbackSmtpServer,
  type LoopbackHttpServer,
  type LoopbackSmtpServer,
} from './test-support';
import { webhookChannel } from './webhook/webhook-channel';

const secrets = makeFakeSecrets();
const SALT = 'repository-salt-for-leak-test';

/**
 * Findings as a careless adapter might produce them: the plaintext copied into the message, the fix
 * advice, the references and the tags, while `secret` correctly holds only a hash and a preview.
 */
function carelessFindings(): Finding[] {
  return finalized(
    secrets.map((value, i) =>
      codeDraft({
        category: 'secret',
        ruleId: `planted-rule-${i}`,
        title: 'Hard-coded credential',
        message: `Found credential ${value} assigned to API_KEY`,
        location: { kind: 'code', path: `app/config-${i}.py`, startLine: i + 1 },
        fix: { available: false, versions: [], state: 'unknown', advice: `Revoke ${value} now` },
        secret: { hash: hashSecret(value, SALT), preview: maskSecret(value) },
        references: [`https://vault.example/lookup?value=${encodeURIComponent(value)}`],
        tags: [`leaked:${value.slice(0, 150)}`],
        sources: [{ engine: 'gitleaks', nativeId: `planted-rule-${i}`, fingerprint: `app/config-${i}.py:${value.slice(0, 200)}` }],
      }),
    ),
  );
}

/** Each secret as it could appear in bytes: raw, JSON-escaped, base64, URL-encoded. */
function encodings(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64'), encodeURIComponent(value)];
}

function leaksIn(text: string): string[] {
  return secrets.filter((value) => encodings(value).some((form) => text.includes(form)));
}

describe('no planted secret leaves through any channel', () => {
  let slack: LoopbackHttpServer;
  let hook: LoopbackHttpServer;
  let smtp: LoopbackSmtpServer;
  const issues: GitHubIssueRequest[] = [];
  const logger = new MemoryLogger();
  let report: DeliveryReport;

  beforeAll(async () => {
    expect(new Set(secrets).size).toBe(10);
    slack = await startLoopbackHttpServer([{ respond: 500, body: 'rollup_error' }, { respond: 200, body: 'ok' }]);
    hook = await startLoopbackHttpServer([{ respond: 200 }]);
    smtp = await startLoopbackSmtpServer({});
    const findings = carelessFindings();
    const notification = createNotification({
      kind: 'incident',
      title: 'Secrets committed to main',
      summary: 'Ten credentials were found in the last push.',
      actor: { login: 'octocat' },
      target: { repository: 'acme/shop', ref: 'refs/heads/main', runUrl: 'https://github.com/acme/shop/actions/runs/42' },
      findings: findings.map(toNotificationFinding),
    });
    report = await deliverAll(
      notification,
      [
        slackChannel({ webhookUrl: slack.url, allowInsecureLoopback: true }),
        webhookChannel({ url: hook.url, secret: 'webhook-shared-secret-0123456789', allowInsecureLoopback: true }),
        emailChannel({ host: '127.0.0.1', port: smtp.port, insecure: true, allowInsecureLoopback: true, from: 'g@example.com', to: ['ops@example.com'], securityTo: ['security@example.com'] }),
        githubIssueChannel({
          async createOrUpdateIssue(request) {
            issues.push(request);
            return { number: 7, url: 'https://github.com/acme/shop/issues/7', created: true };
          },
        }),
      ],
      { required: ['slack', 'webhook', 'email', 'github-issue'], retry: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 10_000 }, clock: new FakeClock(), logger },
    );
  });

  afterAll(async () => {
    await Promise.all([slack?.close(), hook?.close(), smtp?.close()]);
  });

  it('delivered on every channel, so every payload below was really sent', () => {
    expect(report.allRequiredDelivered).toBe(true);
    expect(slack.requests).toHaveLength(2);
    expect(hook.requests).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(issues).toHaveLength(1);
  });

  it('sends none of the 10 values to Slack', () => {
    for (const request of slack.requests) expect(leaksIn(request.body.toString('utf8'))).toEqual([]);
  });

  it('sends none of them in the webhook body or headers', () => {
    const request = hook.requests[0]!;
    expect(leaksIn(request.body.toString('utf8'))).toEqual([]);
    expect(leaksIn(JSON.stringify(request.headers))).toEqual([]);
  });

  it('sends none of them in the e-mail, raw or decoded', async () => {
    const raw = smtp.received[0]!.raw;
    expect(leaksIn(raw.toString('utf8'))).toEqual([]);
    const parsed = await simpleParser(raw);
    expect(leaksIn(`${parsed.subject}\n${parsed.text}\n${parsed.html}`)).toEqual([]);
  });

  it('puts none of them in the GitHub issue', () => {
    expect(leaksIn(JSON.stringify(issues))).toEqual([]);
  });

  it('keeps none of them in the report, its Markdown, the plain-text copy or the log', () => {
    expect(leaksIn(JSON.stringify(report))).toEqual([]);
    expect(leaksIn(renderDeliveryReportMarkdown(report))).toEqual([]);
    expect(leaksIn(renderPlainText(report.notification))).toEqual([]);
    expect(leaksIn(logger.text())).toEqual([]);
  });

  it('still tells people which secret to rotate, by masked preview and location', () => {
    const text = renderPlainText(report.notification);
    for (const [i, value] of secrets.entries()) {
      expect(text).toContain(`app/config-${i}.py:${i + 1}`);
      expect(text).toContain(`secret: ${maskSecret(value)} (masked)`);
    }
  });

  it('renders findings only from the masked schema: no field that could hold plaintext exists', () => {
    // A change here is a security decision: any new field must be one the finding schema keeps free of secrets.
    expect(Object.keys(NotificationFindingSchema.shape).sort()).toEqual(['category', 'dueAt', 'fix', 'id', 'location', 'ruleId', 'secretPreview', 'severity', 'title']);
    expect(NotificationFindingSchema.shape.secretPreview.unwrap().maxLength).toBe(8);
    const [finding] = carelessFindings();
    expect(() => createNotification({ kind: 'incident', title: 't', actor: { login: 'a' }, target: { repository: 'a/b' }, findings: [finding as never] })).toThrow();
  });
});
