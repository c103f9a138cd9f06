import { MemoryLogger } from '@gatehouse/findings';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../test-support/test-client';
import { closeIssue, createOrUpdateIssue, gitHubIssues, listIssuesByLabel, type IssueRequest } from './gatehouse-issues';
import { issueMarker } from './issue-key';

let fake: FakeGitHub;
let logger: MemoryLogger;
const KEY = 'remediation/CVE-2024-29041/pkg:npm/express';
const LABELS = [{ name: 'gatehouse-remediation', color: 'B60205', description: 'Opened by Gatehouse' }, 'severity:critical'];

beforeEach(async () => {
  fake = await FakeGitHub.start();
  logger = new MemoryLogger();
});
afterEach(async () => {
  await fake.close();
});

function request(overrides: Partial<IssueRequest> = {}): IssueRequest {
  return { key: KEY, title: 'CVE-2024-29041 in express (critical), due 2025-01-17', body: 'Upgrade express to 4.19.2.', labels: LABELS, ...overrides };
}

describe('createOrUpdateIssue', () => {
  it('creates the issue with a hidden key and its labels, then updates the same issue on the next run', async () => {
    const created = await createOrUpdateIssue(testClient(fake, { logger }), request());
    expect(created).toMatchObject({ status: 'created', number: 101 });
    const stored = fake.state.issues[0]!;
    expect(stored.body).toBe(`${issueMarker(KEY)}\nUpgrade express to 4.19.2.`);
    expect(stored.labels.map((l) => l.name)).toEqual(['gatehouse-remediation', 'severity:critical']);
    expect(fake.state.label('gatehouse-remediation')).toMatchObject({ color: 'b60205', description: 'Opened by Gatehouse' });

    const updated = await createOrUpdateIssue(testClient(fake, { logger }), request({ title: 'CVE-2024-29041 in express (critical), OVERDUE' }));
    expect(updated).toMatchObject({ status: 'updated', number: 101 });
    expect(fake.state.issues).toHaveLength(1);
    expect(stored.title).toBe('CVE-2024-29041 in express (critical), OVERDUE');
  });

  it('makes no change when nothing changed, and keeps a label a person added', async () => {
    await createOrUpdateIssue(testClient(fake), request());
    expect(await createOrUpdateIssue(testClient(fake), request())).toMatchObject({ status: 'unchanged' });
    fake.state.issues[0]!.labels.push(fake.state.ensureLabel('triaged'));
    await createOrUpdateIssue(testClient(fake), request({ body: 'Upgrade express to 4.21.0.' }));
    expect(fake.state.issues[0]!.labels.map((l) => l.name)).toEqual(['gatehouse-remediation', 'severity:critical', 'triaged']);
    expect(fake.requestsTo('issues/update')).toHaveLength(1);
  });

  it('reopens its issue when the finding comes back, unless told not to', async () => {
    await createOrUpdateIssue(testClient(fake), request());
    fake.state.issues[0]!.state = 'closed';
    expect(await createOrUpdateIssue(testClient(fake), request({ reopen: false }))).toMatchObject({ status: 'unchanged' });
    expect(await createOrUpdateIssue(testClient(fake), request())).toMatchObject({ status: 'reopened', number: 101 });
    expect(fake.state.issues[0]!.state).toBe('open');
  });

  it('never adopts an issue someone else wrote with our marker', async () => {
    const foreign = fake.state.addIssue({ title: 'fake', body: `${issueMarker(KEY)}\nplease close me`, labels: ['gatehouse-remediation'], author: { login: 'mallory', id: 666 } });
    expect(await createOrUpdateIssue(testClient(fake), request())).toMatchObject({ status: 'created' });
    expect(foreign).toMatchObject({ title: 'fake', state: 'open', body: `${issueMarker(KEY)}\nplease close me` });
  });

  it('finds its issue beyond the first page and closes extra copies as duplicates', async () => {
    for (let i = 0; i < 120; i += 1) fake.state.addIssue({ title: `other ${i}`, body: issueMarker(`remediation/other-${i}`), labels: ['gatehouse-remediation'] });
    const mine = fake.state.addIssue({ title: 'old', body: issueMarker(KEY), labels: ['gatehouse-remediation'] });
    const copy = fake.state.addIssue({ title: 'old copy', body: issueMarker(KEY), labels: ['gatehouse-remediation'] });
    expect(await createOrUpdateIssue(testClient(fake), request())).toMatchObject({ status: 'updated', number: mine.number });
    expect(copy).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
  });

  it('is skipped when the token may not write issues', async () => {
    const outcome = await createOrUpdateIssue(testClient(fake, { token: fake.readOnlyToken, logger }), request());
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'read-only-token' });
    expect(logger.text()).toContain(`issue for ${KEY} skipped (read-only-token)`);
  });

  it('refuses a key that could break out of its marker, and an issue without a label to find it by', async () => {
    await expect(createOrUpdateIssue(testClient(fake), request({ key: 'x --> <img src=x>' }))).rejects.toThrow(/issue key/);
    await expect(createOrUpdateIssue(testClient(fake), request({ labels: [] }))).rejects.toThrow(/at least one label/);
    expect(fake.requests).toEqual([]);
  });

  it('keeps a title on one line and within 256 characters', async () => {
    await createOrUpdateIssue(testClient(fake), request({ title: `line one\n::error::two ${'x'.repeat(400)}` }));
    expect(fake.state.issues[0]!.title).toMatch(/^line one ::error::two x+…$/);
    expect(fake.state.issues[0]!.title.length).toBe(256);
  });
});

describe('closeIssue and listIssuesByLabel', () => {
  it('closes the issue of a finding that is gone, with a comment', async () => {
    await createOrUpdateIssue(testClient(fake), request());
    const closed = await closeIssue(testClient(fake), { key: KEY, label: 'gatehouse-remediation' }, { comment: 'No longer found at a1b2c3d.' });
    expect(closed).toEqual({ status: 'closed', number: 101 });
    expect(fake.state.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(fake.state.commentsOn(101)[0]!.body).toContain('No longer found at a1b2c3d.');
    expect(await closeIssue(testClient(fake), { key: KEY, label: 'gatehouse-remediation' })).toEqual({ status: 'already-closed', number: 101 });
    expect(await closeIssue(testClient(fake), { key: 'remediation/none', label: 'gatehouse-remediation' })).toEqual({ status: 'absent' });
  });

  it('lists labelled issues with the keys of ours only', async () => {
    await createOrUpdateIssue(testClient(fake), request());
    fake.state.addIssue({ title: 'theirs', body: issueMarker('remediation/x'), labels: ['gatehouse-remediation'], author: { login: 'mallory', id: 666 } });
    const issues = await gitHubIssues(testClient(fake)).listIssuesByLabel('gatehouse-remediation');
    expect(issues.map((i) => [i.number, i.author, i.key])).toEqual([
      [101, 'github-actions[bot]', KEY],
      [102, 'mallory', undefined],
    ]);
    expect((await listIssuesByLabel(testClient(fake), 'gatehouse-remediation', { state: 'closed' })).length).toBe(0);
  });
});
