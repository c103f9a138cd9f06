import { describe, expect, it } from 'vitest';
import { deliverAll } from '../deliver-all';
import { DeliveryError } from '../delivery-error';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { FakeClock, sampleNotification } from '../test-support';
import { githubIssueChannel } from './github-issue-channel';
import type { GitHubIssuePort, GitHubIssueRequest, GitHubIssueResult } from './github-issue-port';
import { issueMarker } from './issue-body';

/** An in-memory repository of issues that updates the issue carrying the marker, as packages/github must. */
class MemoryIssues implements GitHubIssuePort {
  readonly issues: (GitHubIssueRequest & { number: number })[] = [];
  failures: unknown[] = [];
  calls = 0;
  async createOrUpdateIssue(request: GitHubIssueRequest): Promise<GitHubIssueResult> {
    this.calls += 1;
    const failure = this.failures.shift();
    if (failure) throw failure;
    const existing = this.issues.find((i) => i.body.includes(issueMarker(request.dedupeKey)));
    if (existing) {
      Object.assign(existing, request);
      return { number: existing.number, url: `https://github.com/acme/shop/issues/${existing.number}`, created: false };
    }
    const issue = { ...request, number: this.issues.length + 1 };
    this.issues.push(issue);
    return { number: issue.number, url: `https://github.com/acme/shop/issues/${issue.number}`, created: true };
  }
}

async function deliver(port: GitHubIssuePort, options: Parameters<typeof githubIssueChannel>[1] = {}) {
  const clock = new FakeClock();
  const report = await deliverAll(sampleNotification(), [githubIssueChannel(port, options)], { required: ['github-issue'], retry: DEFAULT_RETRY_POLICY, clock, random: () => 0 });
  return { report, delivery: report.deliveries[0]!, clock };
}

describe('GitHub issue channel', () => {
  it('opens an issue labelled security-override with the rendered title and body', async () => {
    const port = new MemoryIssues();
    const { delivery } = await deliver(port, { extraLabels: ['deploy'] });
    expect(delivery).toMatchObject({ outcome: 'delivered', receipt: { reference: 'https://github.com/acme/shop/issues/1', detail: 'issue #1 opened' } });
    expect(port.issues[0]).toMatchObject({
      dedupeKey: 'override:override-2026-03-01-1',
      title: 'Security override: Deploy to production despite blocking findings (acme/shop)',
      labels: ['security-override', 'deploy'],
    });
    expect(port.issues[0]!.body.startsWith(issueMarker('override:override-2026-03-01-1'))).toBe(true);
  });

  it('updates the same issue when delivered again, never opening a duplicate', async () => {
    const port = new MemoryIssues();
    await deliver(port);
    const { delivery } = await deliver(port);
    expect(port.issues).toHaveLength(1);
    expect(delivery.receipt?.detail).toBe('issue #1 updated');
  });

  it('retries what the port says may succeed later (an Octokit-style 502, a secondary rate limit)', async () => {
    const port = new MemoryIssues();
    port.failures = [
      Object.assign(new Error('Bad Gateway'), { status: 502 }),
      Object.assign(new Error('You have exceeded a secondary rate limit'), { status: 403, response: { headers: { 'retry-after': '20' } } }),
    ];
    const { delivery, clock } = await deliver(port);
    expect(delivery).toMatchObject({ outcome: 'delivered', attempts: 3 });
    expect(clock.sleeps).toEqual([500, 20_000]);
    expect(delivery.attemptLog.map((a) => a.status)).toEqual([502, 403, undefined]);
  });

  it('does not retry what the port says cannot succeed (404, 422)', async () => {
    const port = new MemoryIssues();
    port.failures = [new DeliveryError('GitHub answered 410: issues are disabled', { retryable: false, status: 410 })];
    const { delivery, report } = await deliver(port);
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 1, lastStatus: 410 });
    expect(report.allRequiredDelivered).toBe(false);
    expect(port.calls).toBe(1);
  });

  it('refuses an invalid label at configuration time', () => {
    expect(() => githubIssueChannel(new MemoryIssues(), { extraLabels: ['x'.repeat(51)] })).toThrow(/1 to 50 characters/);
  });
});
