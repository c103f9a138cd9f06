import { codeDraft, finalized } from '@gatehouse/findings/test-support';
import type { PolicyInput } from '@gatehouse/policy';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gateDocument, publisherSetup } from '../test/support/publisher-setup';
import { REMEDIATION_LABEL, remediationGroups, remediationIssues } from './remediation-issues';

let github: FakeGitHub;
const POLICY: Partial<PolicyInput> = { remediationIssues: { enabled: true } };
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
const FAKE_KEY = 'AKIAZZZZ' + 'QQQQWWWWEEEE';

const [critical, high, medium] = finalized([
  codeDraft({ severity: 'critical', ruleId: 'B105', title: 'Hard-coded password', message: `password = "${FAKE_KEY}"`, location: { kind: 'code', path: 'app/settings.py', startLine: 3 } }),
  codeDraft({ severity: 'high', location: { kind: 'code', path: 'app/main.py', startLine: 5 } }),
  codeDraft({ severity: 'medium', ruleId: 'B101', title: 'assert used', location: { kind: 'code', path: 'app/main.py', startLine: 7 } }),
]);

beforeEach(async () => {
  github = await FakeGitHub.start();
});
afterEach(async () => {
  await github.close();
});

async function gateRun(findings = [critical!, high!, medium!], now = day(1), options: { policy?: Partial<PolicyInput>; event?: 'push' | 'pull_request'; firstSeen?: Map<string, string>; incomplete?: boolean } = {}) {
  const policy = options.policy ?? POLICY;
  const document = gateDocument(findings, {
    policy,
    now,
    ...(options.firstSeen ? { firstSeen: options.firstSeen } : {}),
    ...(options.incomplete ? { engines: [{ id: 'bandit', status: 'incomplete', reason: 'crashed', findings: findings.length }] } : {}),
  });
  return remediationIssues().publish(publisherSetup(github, { policy, now, event: options.event ?? 'push' }), document);
}

const ours = () => github.state.issues.filter((i) => i.labels.some((l) => l.name === REMEDIATION_LABEL));

describe('remediation issues', () => {
  it('opens one issue per blocking critical or high group, with its due date and labels, and never a secret value', async () => {
    const published = await gateRun();
    expect(ours()).toHaveLength(2);
    const [first, second] = ours();
    expect(first!.title).toBe('[Gatehouse] Critical: Hard-coded password in app/settings.py');
    expect(first!.body).toContain('**Due:** 2026-11-03');
    expect(first!.labels.map((l) => l.name)).toEqual([REMEDIATION_LABEL, 'security', 'gatehouse']);
    expect(second!.title).toContain('[Gatehouse] High:');
    expect(second!.body).toContain('**Due:** 2026-11-08');
    for (const issue of github.state.issues) expect(`${issue.title}\n${issue.body}`).not.toContain(FAKE_KEY);
    expect(published.notes).toContain('Remediation issues: 2 written, 0 escalated as overdue, 0 closed.');
  });

  it('updates the same issues on the next run instead of opening others, and closes the one whose finding is gone', async () => {
    await gateRun();
    const created = github.requestsTo('issues/create').length;
    await gateRun([critical!, high!, medium!], day(1));
    expect(github.requestsTo('issues/create')).toHaveLength(created);
    expect(github.requestsTo('issues/update')).toHaveLength(0);

    const published = await gateRun([critical!], day(2));
    expect(ours()).toHaveLength(2);
    const closed = ours().find((i) => i.title.includes('High'))!;
    expect(closed.state).toBe('closed');
    expect(github.state.commentsOn(closed.number)[0]!.body).toContain('No longer found');
    expect(ours().find((i) => i.title.includes('Critical'))!.state).toBe('open');
    expect(published.notes![0]).toBe('Remediation issues: 1 written, 0 escalated as overdue, 1 closed.');
  });

  it('escalates an overdue group once: the overdue label and one comment', async () => {
    await gateRun([critical!], day(1));
    const known = new Map([[critical!.id, day(1).toISOString()]]);
    const late = await gateRun([critical!], day(5), { firstSeen: known });
    const issue = ours()[0]!;
    expect(issue.labels.map((l) => l.name)).toContain('overdue');
    expect(issue.body).toContain('**overdue**');
    expect(github.state.commentsOn(issue.number).map((c) => c.body).join('\n')).toContain('**Overdue:** the remediation SLA of these findings ended on 2026-11-03');
    expect(late.notes![0]).toContain('1 escalated');
    await gateRun([critical!], day(6), { firstSeen: known });
    expect(github.state.commentsOn(issue.number)).toHaveLength(1);
  });

  it('does nothing on pull requests or when the policy does not enable it', async () => {
    expect(await gateRun(undefined, day(1), { event: 'pull_request' })).toEqual({});
    expect(await gateRun(undefined, day(1), { policy: {} })).toEqual({});
    expect(github.requests).toEqual([]);
  });

  it('never closes issues after an incomplete run: a finding an engine did not report proves nothing', async () => {
    await gateRun([critical!, high!]);
    const published = await gateRun([critical!], day(2), { incomplete: true });
    expect(ours().every((i) => i.state === 'open')).toBe(true);
    expect(published.notes!.join('\n')).toMatch(/not closed: the run is incomplete/);
  });

  it('groups the findings of one rule in one file into one issue', () => {
    const [one, two] = finalized([
      codeDraft({ location: { kind: 'code', path: 'app/x.py', startLine: 1 } }),
      codeDraft({ location: { kind: 'code', path: 'app/x.py', startLine: 9 } }),
    ]);
    const document = gateDocument([one!, two!], { policy: POLICY, now: day(1) });
    const groups = remediationGroups(document, ['critical', 'high']);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.findings).toHaveLength(2);
  });
});
