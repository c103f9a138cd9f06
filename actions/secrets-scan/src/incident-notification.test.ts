import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger, type Finding, type FindingsDocument } from '@gatehouse/findings';
import { codeDraft, finalized } from '@gatehouse/findings/test-support';
import { readGitHubContext, type GitHubContext } from '@gatehouse/github';
import { testClient } from '@gatehouse/github/test-support';
import type { RetryPolicy } from '@gatehouse/notify';
import { startLoopbackHttpServer } from '@gatehouse/notify/test-support';
import { FakeGitHub, pullRequestEvent, pushEvent } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIncidentNotification, incidentSkipReason, sendSecretIncident, type IncidentInputs } from './incident-notification';

const COMMIT = '1'.repeat(40);
const RETRY: RetryPolicy = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, attemptTimeoutMs: 15_000, totalDeadlineMs: 60_000, maxRetryAfterMs: 50 };

function secretFinding(overrides: Partial<Finding> = {}): Finding {
  const [finding] = finalized([
    codeDraft({
      category: 'secret',
      ruleId: 'aws-access-token',
      title: 'AWS Access Key',
      message: 'AWS access key found',
      severity: 'critical',
      location: { kind: 'code', path: 'config/prod.env', startLine: 7, commit: COMMIT },
      secret: { hash: 'a'.repeat(64), preview: 'AKIA…', author: 'Dev <dev@example.com>' },
      sources: [{ engine: 'gitleaks', nativeId: 'aws-access-token' }],
    }),
  ]);
  return { ...finding!, ...overrides };
}

function documentOf(findings: Finding[]): FindingsDocument {
  return { findings, decision: { verdict: 'block', counts: { bySeverity: {} } } } as unknown as FindingsDocument;
}

function contextFor(event: 'push' | 'pull_request' | 'schedule', payload: Record<string, unknown> = event === 'pull_request' ? pullRequestEvent({ number: 3 }) : pushEvent()): GitHubContext {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-incident-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  return readGitHubContext({
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: event === 'pull_request' ? 'refs/pull/3/merge' : 'refs/heads/main',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'Security',
    GITHUB_SERVER_URL: 'https://github.com',
  });
}

const inputs = (overrides: Partial<IncidentInputs> = {}): IncidentInputs => ({ 'incident-on': ['push'], 'email-to': [], 'notify-issue': false, ...overrides });

describe('buildIncidentNotification', () => {
  it('lists each secret with file, line, commit, author, masked preview and what to rotate', () => {
    const message = buildIncidentNotification(documentOf([secretFinding()]), contextFor('push'), 'https://github.com/octo-org/octo-repo/actions/runs/4242/attempts/1', 'push abc..def, 2 commits');
    expect(message.kind).toBe('incident');
    expect(message.id).toBe('secrets-4242-1');
    expect(message.target.runUrl).toBe('https://github.com/octo-org/octo-repo/actions/runs/4242/attempts/1');
    expect(message.findings).toEqual([
      expect.objectContaining({
        ruleId: 'aws-access-token',
        location: `config/prod.env:7 (commit ${COMMIT} by Dev <dev@example.com>)`,
        secretPreview: 'AKIA…',
        fix: expect.stringMatching(/^Rotate .*AWS.*, then remove it from the code and history$/),
      }),
    ]);
    expect(message.summary).toContain('1 secret(s) were committed (scanned: push abc..def, 2 commits)');
    expect(message.summary).toMatch(/How to rotate AWS access key.*: \S/);
    expect(message.summary).toMatch(/For every secret:\n- /);
  });

  it('leaves out suppressed secrets and other categories', () => {
    const suppressed = secretFinding({ status: 'suppressed' });
    const [sast] = finalized([codeDraft()]);
    const message = buildIncidentNotification(documentOf([secretFinding(), suppressed, sast!]), contextFor('push'), 'http://127.0.0.1/run');
    expect(message.findings).toHaveLength(1);
    expect(message.target.runUrl).toBeUndefined();
  });
});

describe('incidentSkipReason', () => {
  const open = documentOf([secretFinding()]);
  it('sends on a push by default, not on a pull request', () => {
    expect(incidentSkipReason(open, contextFor('push'), ['push'])).toBeUndefined();
    expect(incidentSkipReason(open, contextFor('pull_request'), ['push'])).toBe('incident-on does not include pull_request');
    expect(incidentSkipReason(open, contextFor('pull_request'), ['push', 'pull_request'])).toBeUndefined();
  });

  it('never sends from a fork pull request, whatever incident-on says', () => {
    const fork = contextFor('pull_request', pullRequestEvent({ number: 3, head: { fork: { owner: 'outsider' } } }));
    expect(incidentSkipReason(open, fork, ['pull_request'])).toMatch(/fork/);
  });

  it('knows a schedule, and sends nothing without an open secret', () => {
    expect(incidentSkipReason(open, contextFor('schedule', {}), ['schedule'])).toBeUndefined();
    expect(incidentSkipReason(open, contextFor('schedule', {}), ['push'])).toBe('incident-on does not include schedule');
    expect(incidentSkipReason(documentOf([secretFinding({ status: 'suppressed' })]), contextFor('push'), ['push'])).toBe('no open secret finding');
  });
});

describe('sendSecretIncident', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await FakeGitHub.start();
  });
  afterEach(async () => {
    await github.close();
  });

  const send = (given: IncidentInputs, logger = new MemoryLogger()) =>
    sendSecretIncident(given, { document: documentOf([secretFinding()]), context: contextFor('push'), client: testClient(github), runUrl: 'https://github.com/x/y/actions/runs/1', logger, retry: RETRY });

  it('reports a channel that fails in the summary section and as a warning, and the others still deliver', async () => {
    const slack = await startLoopbackHttpServer([{ respond: 500, body: 'down' }]);
    const webhook = await startLoopbackHttpServer([{ respond: 204 }]);
    try {
      const logger = new MemoryLogger();
      const result = await send(inputs({ 'slack-webhook-url': `${slack.url}/services/T/B/x`, 'webhook-url': `${webhook.url}/in`, 'webhook-secret': 's'.repeat(20) }), logger);
      expect(result.undelivered).toEqual(['slack']);
      expect(result.summary).toContain('### Secret incident');
      expect(result.summary).toContain('not delivered: slack');
      expect(result.summary).toMatch(/\| webhook \(webhook\) \| no \| delivered \| 1 \|/);
      expect(webhook.requests).toHaveLength(1);
      expect(logger.entries.some((e) => e.level === 'warning' && e.message.includes('slack'))).toBe(true);
    } finally {
      await slack.close();
      await webhook.close();
    }
  });

  it('says a misconfigured channel and that nothing was sent when no channel is left', async () => {
    const result = await send(inputs({ 'webhook-url': 'https://hooks.example.com/in' }));
    expect(result.summary).toContain('The webhook channel is not used: webhook\\-url needs webhook\\-secret');
    const none = await send(inputs());
    expect(none.summary).toContain('no channel is configured');
  });
});
