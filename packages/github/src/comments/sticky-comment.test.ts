import { MemoryLogger } from '@gatehouse/findings';
import { FakeGitHub, GITHUB_ACTIONS_BOT } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../test-support/test-client';
import { COMMENT_MAX_CHARACTERS, DEFAULT_COMMENT_MARKER, boundCommentBody } from './bound-comment-body';
import { deleteStickyComment, upsertStickyComment } from './sticky-comment';

let fake: FakeGitHub;
let logger: MemoryLogger;
const PR = 42;
const MARKER = DEFAULT_COMMENT_MARKER;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  logger = new MemoryLogger();
});
afterEach(async () => {
  await fake.close();
});

describe('upsertStickyComment', () => {
  it('creates the comment on the first run and updates it in place on the second', async () => {
    const first = await upsertStickyComment(testClient(fake, { logger }), { issueNumber: PR, body: `${MARKER}\n## Gatehouse: block\n3 findings` });
    expect(first).toMatchObject({ status: 'created', truncated: false });
    const second = await upsertStickyComment(testClient(fake, { logger }), { issueNumber: PR, body: `${MARKER}\n## Gatehouse: pass\nno findings` });
    expect(second).toMatchObject({ status: 'updated' });

    const comments = fake.state.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${MARKER}\n## Gatehouse: pass\nno findings`);
    expect(second.status === 'updated' && second.commentId).toBe(comments[0]!.id);
  });

  it('leaves an unchanged comment alone', async () => {
    const body = `${MARKER}\n## Gatehouse: pass`;
    await upsertStickyComment(testClient(fake), { issueNumber: PR, body });
    expect(await upsertStickyComment(testClient(fake), { issueNumber: PR, body })).toMatchObject({ status: 'unchanged' });
    expect(fake.requestsTo('issues/update-comment')).toEqual([]);
  });

  it('never edits someone else’s comment that quotes our marker', async () => {
    const foreign = fake.state.addComment(PR, `Look what the bot wrote:\n> ${MARKER}\n> pass`, { login: 'mallory', id: 666 });
    const outcome = await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'block: 1 critical' });
    expect(outcome.status).toBe('created');
    expect(foreign.body).toBe(`Look what the bot wrote:\n> ${MARKER}\n> pass`);
    expect(fake.state.commentsOn(PR).map((c) => c.author.login)).toEqual(['mallory', GITHUB_ACTIONS_BOT.login]);
  });

  it('finds its comment beyond the first page of comments', async () => {
    const ours = fake.state.addComment(PR, `${MARKER}\nold`);
    for (let i = 0; i < 250; i += 1) fake.state.addComment(PR, `review comment ${i}`, { login: 'reviewer', id: 7 });
    fake.state.comments.push(fake.state.comments.splice(fake.state.comments.indexOf(ours), 1)[0]!);
    expect(await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'new' })).toMatchObject({ status: 'updated', commentId: ours.id });
    expect(ours.body).toBe(`${MARKER}\nnew`);
    expect(fake.requestsTo('issues/list-comments').length).toBe(3);
  });

  it('cuts a body over 65,536 characters, keeping the marker and closing an open code fence', async () => {
    const body = `## Gatehouse: block\n\`\`\`\n${'x'.repeat(200)}\n`.padEnd(100_000, 'y\n');
    const outcome = await upsertStickyComment(testClient(fake), { issueNumber: PR, body });
    expect(outcome).toMatchObject({ status: 'created', truncated: true });
    const posted = fake.state.commentsOn(PR)[0]!.body;
    expect(posted.length).toBeLessThanOrEqual(COMMENT_MAX_CHARACTERS);
    expect(posted.startsWith(`${MARKER}\n## Gatehouse: block`)).toBe(true);
    expect(posted).toContain('\n```\n\n---\n_This comment was cut to fit GitHub’s 65,536-character limit.');
  });

  it('is skipped, not failed, when a fork’s read-only token may not comment', async () => {
    const outcome = await upsertStickyComment(testClient(fake, { token: fake.readOnlyToken, logger }), { issueNumber: PR, body: 'x', fork: true });
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'fork', message: expect.stringContaining('Resource not accessible by integration') });
    expect(logger.text()).toContain('the pull request comment was skipped (fork)');
    expect(fake.state.comments).toEqual([]);
  });

  it('deletes extra copies of its own comment left by racing jobs', async () => {
    const first = fake.state.addComment(PR, `${MARKER}\nA`);
    fake.state.addComment(PR, `${MARKER}\nB`);
    expect(await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'C' })).toMatchObject({ status: 'updated', commentId: first.id });
    expect(fake.state.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nC`]);
  });

  it('keeps comments of different markers apart', async () => {
    await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'gate', marker: '<!-- gatehouse:comment:policy-gate -->' });
    await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'override', marker: '<!-- gatehouse:comment:override -->' });
    expect(fake.state.commentsOn(PR)).toHaveLength(2);
    await expect(upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'x', marker: '<!-- x --><script>' })).rejects.toThrow(/must look like/);
  });
});

describe('deleteStickyComment', () => {
  it('deletes our comment when the pull request is clean, and only ours', async () => {
    fake.state.addComment(PR, `quoted: ${MARKER}`, { login: 'mallory', id: 666 });
    await upsertStickyComment(testClient(fake), { issueNumber: PR, body: 'block' });
    expect(await deleteStickyComment(testClient(fake), { issueNumber: PR })).toEqual({ status: 'deleted', count: 1 });
    expect(fake.state.commentsOn(PR).map((c) => c.author.login)).toEqual(['mallory']);
    expect(await deleteStickyComment(testClient(fake), { issueNumber: PR })).toEqual({ status: 'absent' });
  });
});

describe('boundCommentBody', () => {
  it('puts the marker first exactly once and does not split a surrogate pair', () => {
    expect(boundCommentBody(`intro ${MARKER} outro`, MARKER)).toEqual({ body: `${MARKER}\nintro  outro`, truncated: false });
    const emoji = '😀'.repeat(40_000);
    const { body } = boundCommentBody(emoji, MARKER);
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARACTERS);
    expect(body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
