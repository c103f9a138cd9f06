import type { GitHubIssues, IssueOutcome } from '@gatehouse/github';
import { DeliveryError } from '@gatehouse/notify';
import type { NotificationChannel as PolicyChannel } from '@gatehouse/policy';
import { describe, expect, it } from 'vitest';
import { auditIssueChannelName, buildOverrideChannels, gitHubIssuePort, type ChannelInputs } from './override-channels';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/input-token-aaaaaaaa';
const ENV_SLACK_URL = 'https://hooks.slack.com/services/T000/B000/env-token-bbbbbbbb';

const inputs = (overrides: Partial<ChannelInputs> = {}): ChannelInputs => ({
  slackWebhookUrl: SLACK_URL,
  webhookUrl: 'https://hooks.example.com/in',
  webhookSecret: 's'.repeat(32),
  smtp: { host: 'smtp.example.com', port: 587, secure: false, username: 'bot', password: 'smtp-password-123', from: 'gatehouse@example.com' },
  githubIssue: true,
  ...overrides,
});

function issuesAnswering(outcome: IssueOutcome): GitHubIssues & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    requests,
    createOrUpdateIssue: async (request) => {
      requests.push(request);
      return outcome;
    },
    closeIssue: async () => ({ status: 'absent' }),
    listIssuesByLabel: async () => [],
  };
}

const options = (env: NodeJS.ProcessEnv = {}) => ({ env, issues: issuesAnswering({ status: 'created', number: 1, url: 'https://github.com/o/r/issues/1' }), attemptTimeoutMs: 5_000 });
const slack = (name: string, required = true): PolicyChannel => ({ kind: 'slack', name, required, channel: '#ops-alerts' });

describe('buildOverrideChannels', () => {
  it('builds one sender per policy channel, named as in the policy', () => {
    const channels: PolicyChannel[] = [
      slack('ops-alerts'),
      { kind: 'webhook', name: 'audit-webhook', required: false },
      { kind: 'email', name: 'security-mail', required: true, to: ['security@example.com'] },
      { kind: 'github-issue', name: 'audit-issue', required: false, labels: ['security-override'], assignees: [] },
    ];
    const built = buildOverrideChannels(channels, inputs(), options());
    expect(built.channels.map((c) => [c.name, c.kind])).toEqual([
      ['ops-alerts', 'slack'],
      ['audit-webhook', 'webhook'],
      ['security-mail', 'email'],
      ['audit-issue', 'github-issue'],
    ]);
    expect(built.unavailable).toEqual([]);
    expect(built.secrets).toEqual(expect.arrayContaining([SLACK_URL, 's'.repeat(32), 'smtp-password-123']));
  });

  it("prefers the channel's secretEnv variable over the input", () => {
    const built = buildOverrideChannels([{ ...slack('ops-alerts'), secretEnv: 'SLACK_OPS' }], inputs(), options({ SLACK_OPS: ENV_SLACK_URL }));
    expect(built.secrets).toEqual([ENV_SLACK_URL]);
  });

  it('uses an input only when the policy lists one channel of its kind, and says which variable to set otherwise', () => {
    const built = buildOverrideChannels([slack('ops-alerts'), slack('sec-alerts', false)], inputs(), options({ GATEHOUSE_NOTIFY_SEC_ALERTS: ENV_SLACK_URL }));
    expect(built.channels.map((c) => c.name)).toEqual(['sec-alerts']);
    expect(built.unavailable).toEqual([{ name: 'ops-alerts', kind: 'slack', required: true, reason: 'no webhook URL: set GATEHOUSE_NOTIFY_OPS_ALERTS' }]);
  });

  it('lists a channel it cannot set up without repeating its secret', () => {
    const leaky = 'http://hooks.example.com/services/T0/B0/secret-path-cccccccc';
    const built = buildOverrideChannels([slack('ops-alerts')], inputs({ slackWebhookUrl: leaky }), options());
    expect(built.channels).toEqual([]);
    expect(built.unavailable[0]!.reason).toContain('must be an https URL');
    expect(JSON.stringify(built.unavailable)).not.toContain('secret-path');
  });

  it('says what an e-mail channel lacks, and skips the issue when the input turns it off', () => {
    const built = buildOverrideChannels(
      [
        { kind: 'email', name: 'security-mail', required: true, to: ['security@example.com'] },
        { kind: 'github-issue', name: 'audit-issue', required: false, labels: [], assignees: [] },
      ],
      inputs({ smtp: { ...inputs().smtp, host: undefined }, githubIssue: false }),
      options(),
    );
    expect(built.unavailable.map((u) => [u.name, u.reason])).toEqual([
      ['security-mail', 'no SMTP host (smtp-host input)'],
      ['audit-issue', 'the github-issue input is false'],
    ]);
  });
});

describe('gitHubIssuePort', () => {
  const request = { dedupeKey: 'override:override-1-1-deploy', title: 't', body: 'b', labels: ['security-override'] };

  it('opens the issue through packages/github with the policy assignees', async () => {
    const issues = issuesAnswering({ status: 'created', number: 7, url: 'https://github.com/o/r/issues/7' });
    await expect(gitHubIssuePort(issues, ['security-lead']).createOrUpdateIssue(request, new AbortController().signal)).resolves.toEqual({ number: 7, url: 'https://github.com/o/r/issues/7', created: true });
    expect(issues.requests).toEqual([{ key: request.dedupeKey, title: 't', body: 'b', labels: ['security-override'], assignees: ['security-lead'] }]);
  });

  it('fails for good on a read-only token and retryably on other failures', async () => {
    const signal = new AbortController().signal;
    const skipped = gitHubIssuePort(issuesAnswering({ status: 'skipped', reason: 'read-only-token', message: '403' }), []).createOrUpdateIssue(request, signal);
    await expect(skipped).rejects.toMatchObject({ retryable: false });
    const failed = gitHubIssuePort(issuesAnswering({ status: 'failed', message: '502' }), []).createOrUpdateIssue(request, signal);
    await expect(failed).rejects.toBeInstanceOf(DeliveryError);
    await expect(failed).rejects.toMatchObject({ retryable: true });
  });
});

describe('auditIssueChannelName', () => {
  it('never takes a name the policy already uses', () => {
    expect(auditIssueChannelName([])).toBe('security-override-issue');
    expect(auditIssueChannelName(['security-override-issue', 'security-override-issue-2'])).toBe('security-override-issue-3');
  });
});
