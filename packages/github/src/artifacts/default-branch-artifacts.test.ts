import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitSha, fakeDefaultBranchHistory, type DefaultBranchHistory } from '../test-support/default-branch-history';
import { testClient } from '../test-support/test-client';
import { listDefaultBranchArtifacts } from './default-branch-artifacts';

let fake: FakeGitHub;
let history: DefaultBranchHistory;
const LEDGER = 'gatehouse-findings-ledger';
const minute = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, n));

beforeEach(async () => {
  fake = await FakeGitHub.start();
  history = fakeDefaultBranchHistory(fake);
});
afterEach(async () => {
  await fake.close();
});

describe('listDefaultBranchArtifacts', () => {
  it('takes artifacts of push runs whose commit is in the default branch, newest first', async () => {
    const first = fake.state.addRepositoryArtifact(LEDGER, { 'a.json': '1' }, { createdAt: minute(1), headSha: history.advance('one') });
    const second = fake.state.addRepositoryArtifact(LEDGER, { 'a.json': '2' }, { createdAt: minute(2), headSha: history.advance('two') });
    const found = await listDefaultBranchArtifacts(testClient(fake), LEDGER, { defaultBranch: 'main' });
    expect(found.artifacts.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(found.rejected).toEqual([]);
    expect(found.tip).toBe(history.commits.at(-1));
  });

  it('refuses a pull_request_target run, a tag or rewritten branch named like the default branch, and a fork', async () => {
    const trusted = fake.state.addRepositoryArtifact(LEDGER, { 'a.json': 'ok' }, { createdAt: minute(1), headSha: history.advance('ok') });
    const prTarget = fake.state.addRepositoryArtifact(LEDGER, { 'a.json': 'x' }, { createdAt: minute(2), headSha: history.advance('pr') });
    history.events.set(prTarget.workflowRun.id, 'pull_request_target');
    fake.state.addRepositoryArtifact(LEDGER, { 'a.json': 'tag' }, { createdAt: minute(3), headSha: commitSha('not-on-main') });
    fake.state.addRepositoryArtifact(LEDGER, { 'a.json': 'fork' }, { createdAt: minute(4), headSha: history.advance('fork'), headRepositoryId: 42 });
    const found = await listDefaultBranchArtifacts(testClient(fake), LEDGER, { defaultBranch: 'main' });
    expect(found.artifacts.map((a) => a.id)).toEqual([trusted.id]);
    const reasons = found.rejected.map((r) => r.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons.some((r) => /started by pull_request_target/.test(r))).toBe(true);
    expect(reasons.some((r) => /not in the history of main/.test(r))).toBe(true);
  });

  it('asks GitHub for the default branch when the event does not say it, and stops at the limit', async () => {
    fake.on('GET /repos/{owner}/{repo}', () => ({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } }));
    await expect(listDefaultBranchArtifacts(testClient(fake), LEDGER)).rejects.toThrow();
    fake.takeViolations();
    for (let i = 1; i <= 4; i += 1) fake.state.addRepositoryArtifact(LEDGER, { 'a.json': String(i) }, { createdAt: minute(i), headSha: history.advance(`n${i}`) });
    const found = await listDefaultBranchArtifacts(testClient(fake), LEDGER, { defaultBranch: 'main', limit: 2 });
    expect(found.artifacts).toHaveLength(2);
  });

  it('returns nothing (and asks nothing more) when no artifact has the name', async () => {
    const found = await listDefaultBranchArtifacts(testClient(fake), LEDGER, { defaultBranch: 'main' });
    expect(found).toMatchObject({ artifacts: [], rejected: [], tip: '' });
    expect(fake.requestsTo('git/get-ref')).toHaveLength(0);
  });
});
