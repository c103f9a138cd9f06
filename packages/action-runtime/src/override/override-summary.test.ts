import type { GitHubContext } from '@gatehouse/github';
import { createNotification } from '@gatehouse/notify';
import { describe, expect, it } from 'vitest';
import { codeFinding, findingsDocument, NOW } from '../test-support/findings';
import { overrideAuditRecord } from './override-audit-record';
import { overrideNotification, overrideNotificationId } from './override-notification';
import type { OverrideOutcome } from './override-outcome';
import { renderOverrideSummary } from './override-summary';

const context: GitHubContext = {
  eventName: 'workflow_dispatch',
  event: { kind: 'workflow_dispatch', ref: 'refs/heads/main', inputs: new Map(), workflow: undefined },
  repository: { owner: 'acme', repo: 'shop', fullName: 'acme/shop', id: 1, defaultBranch: 'main' },
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  actor: 'octocat',
  runId: 42,
  runAttempt: 2,
  job: 'deploy prod',
  workflow: 'Deploy',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  workspace: undefined,
};

const HOSTILE = 'fix <img src=x onerror=alert(1)> @security-team #12 **bold** [link](https://evil.example)\n::error::injected';

function summaryOf(outcome: OverrideOutcome, refusals: string[] = []): string {
  const document = findingsDocument([codeFinding('app/main.py', 5, { title: '<script>alert(1)</script> @org/team' })]);
  const notification = createNotification(
    overrideNotification({ context, environment: 'production', reason: HOSTILE, ticket: { id: 'SEC-42' }, decision: document.decision, findings: document.findings, runUrl: 'https://github.com/acme/shop/actions/runs/42/attempts/2', occurredAt: NOW, expiresAt: new Date(NOW.getTime() + 3_600_000) }),
    () => NOW,
  );
  const record = overrideAuditRecord({
    outcome,
    proceed: outcome === 'proceed',
    now: NOW,
    context,
    triggeringActor: undefined,
    environment: 'production',
    notification,
    runUrl: 'https://github.com/acme/shop/actions/runs/42/attempts/2',
    decisionSource: 'artifact gatehouse-decision-policy-gate-gate',
    decision: document.decision,
    decisionProblem: undefined,
    policy: { description: '.github/gatehouse.yml from the workspace', sha256: 'f'.repeat(64) },
    refusals,
    mustConfirm: ['ops-alerts'],
    unavailable: [{ name: 'ops-alerts', kind: 'slack', required: true, reason: 'no webhook URL: set GATEHOUSE_NOTIFY_OPS_ALERTS' }],
    delivery: undefined,
  });
  return renderOverrideSummary(record, notification, 'The audit record is in the gatehouse-override-42-2-deploy-prod artifact.');
}

describe('renderOverrideSummary', () => {
  it('starts with the outcome and escapes the reason, the titles and the refusals', () => {
    const summary = summaryOf('refused', ['overrides are not allowed in environment <b>staging</b>']);
    expect(summary.split('\n').slice(0, 4).join('\n')).toContain('The deploy stays blocked: the override was refused.');
    expect(summary).toContain('&lt;b&gt;staging&lt;/b&gt;');
    expect(summary).not.toMatch(/<(img|script|b)\b/);
  });

  it('shows the override, the channels that must confirm and those that could not be set up', () => {
    const summary = summaryOf('undelivered');
    expect(summary).toContain('### The override');
    expect(summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(summary).toContain('@\u2060security\\-team');
    expect(summary).not.toMatch(/^::error::/m);
    expect(summary).not.toContain('](https://evil.example)');
    expect(summary).toContain('Required to confirm delivery: ops\\-alerts.');
    expect(summary).toContain('GATEHOUSE\\_NOTIFY\\_OPS\\_ALERTS');
  });
});

describe('overrideNotificationId', () => {
  it('is one id per job attempt, in the characters notifications and issue keys accept', () => {
    expect(overrideNotificationId(context)).toBe('override-42-2-deploy-prod');
  });
});
