import { gzipSync } from 'node:zlib';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github';

let fake: FakeGitHub;

beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.close();
});

function call(method: string, path: string, options: { token?: string | null; body?: unknown; raw?: string } = {}) {
  const token = options.token === undefined ? fake.writeToken : options.token;
  return fetch(`${fake.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `token ${token}` } : {}),
      ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}

const REPO = '/repos/octo-org/octo-repo';

// Response bodies are GitHub's JSON; the tests read fields from them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(response: Response): Promise<any> {
  return response.json();
}

describe('fake GitHub: checking requests against the OpenAPI description', () => {
  it('fails close() when a violation was left unexamined', async () => {
    const unchecked = await FakeGitHub.start();
    await fetch(`${unchecked.url}/nope`);
    await expect(unchecked.close()).rejects.toThrow(/1 violation\(s\)/);
  });

  it('records an unknown route as a violation and answers 404', async () => {
    const response = await call('GET', `${REPO}/no-such-thing`);
    expect(response.status).toBe(404);
    expect(fake.violations).toMatchObject([{ kind: 'unknown-route', method: 'GET', path: `${REPO}/no-such-thing` }]);
    expect(() => fake.assertNoViolations()).toThrow(/unknown-route: GET \/repos\/octo-org\/octo-repo\/no-such-thing/);
    fake.takeViolations();
  });

  it('refuses a body that does not match the operation’s schema with 422, and records it', async () => {
    const response = await call('POST', `${REPO}/issues/7/comments`, { body: { text: 'wrong field' } });
    expect(response.status).toBe(422);
    const [violation] = fake.takeViolations();
    expect(violation).toMatchObject({ kind: 'invalid-request', operationId: 'issues/create-comment' });
    expect(violation!.problems.join('\n')).toContain("must have required property 'body'");
    expect(fake.state.comments).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await call('POST', `${REPO}/issues/7/comments`, { raw: '{"body":' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ message: 'Problems parsing JSON' });
    expect(fake.takeViolations()[0]!.problems[0]).toMatch(/^request body is not JSON/);
  });

  it('refuses query parameters the operation does not take, and path parameters of the wrong type', async () => {
    expect((await call('GET', `${REPO}/issues/7/comments?per_page=10&sort=desc`)).status).toBe(422);
    expect((await call('GET', `${REPO}/issues/seven/comments`)).status).toBe(422);
    expect(fake.takeViolations().map((v) => v.problems[0])).toEqual([
      'query (root) must NOT have additional properties "sort"',
      'path parameter /issue_number must be integer',
    ]);
  });

  it('treats a call no handler was set up for as a violation', async () => {
    const response = await call('GET', `${REPO}/pulls/42`);
    expect(response.status).toBe(404);
    expect(fake.takeViolations()).toMatchObject([{ kind: 'no-handler', operationId: 'pulls/get' }]);
  });

  it('throws at once when a test registers a route GitHub does not have', () => {
    expect(() => fake.on('GET /repos/{owner}/{repo}/nope', () => ({ status: 200 }))).toThrow(/not an operation in GitHub's OpenAPI description/);
  });

  it('throws at once for a canned response that does not match the response schema', () => {
    expect(() => fake.reply('GET /repos/{owner}/{repo}/pulls/{pull_number}', { status: 200, body: { number: 'x' } })).toThrow(
      /canned GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} 200 response is not valid/,
    );
  });

  it('answers 500 and records a violation when a handler’s answer does not match the schema', async () => {
    fake.on('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', () => ({ status: 200, body: { id: 'not a number' } }));
    expect((await call('GET', `${REPO}/issues/comments/1`)).status).toBe(500);
    expect(fake.takeViolations()[0]).toMatchObject({ kind: 'invalid-response', operationId: 'issues/get-comment' });
  });

  it('serves a test’s own handler instead of the default one', async () => {
    fake.on('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', () => ({ status: 200, body: [] }));
    fake.state.addComment(7, 'hidden by the override');
    expect(await json(await call('GET', `${REPO}/issues/7/comments`))).toEqual([]);
    fake.assertNoViolations();
  });
});

describe('fake GitHub: tokens, rate limits and faults', () => {
  it('answers 401 without a token or with one it did not issue', async () => {
    expect((await call('GET', `${REPO}/issues/7/comments`, { token: null })).status).toBe(401);
    const bad = await call('GET', `${REPO}/issues/7/comments`, { token: 'ghs_unknown' });
    expect(bad.status).toBe(401);
    expect(await json(bad)).toMatchObject({ message: 'Bad credentials' });
  });

  it('answers a read-only token’s write with GitHub’s 403 body', async () => {
    const response = await call('POST', `${REPO}/issues/7/comments`, { token: fake.readOnlyToken, body: { body: 'hi' } });
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    fake.assertNoViolations();
  });

  it('grants exactly the permissions a token was created with', async () => {
    const token = fake.tokens.create({ pull_requests: 'write' });
    expect((await call('POST', `${REPO}/issues/7/comments`, { token, body: { body: 'on a PR' } })).status).toBe(201);
    expect((await call('POST', `${REPO}/issues`, { token, body: { title: 'x' } })).status).toBe(403);
  });

  it('sends rate-limit headers that count requests', async () => {
    const first = await call('GET', `${REPO}/issues/7/comments`);
    const second = await call('GET', `${REPO}/issues/7/comments`);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('999');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('998');
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('injects a secondary rate limit and server errors, then serves normally', async () => {
    fake.injectFault('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 429, retryAfter: 1 });
    fake.injectFault('*', { status: 502 });
    const limited = await call('GET', `${REPO}/issues/7/comments`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await json(limited)).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
    expect((await call('GET', `${REPO}/issues/7/comments`)).status).toBe(502);
    expect((await call('GET', `${REPO}/issues/7/comments`)).status).toBe(200);
    fake.assertNoViolations();
  });

  it('answers 404 for another repository', async () => {
    expect((await call('GET', '/repos/someone/else/issues/7/comments')).status).toBe(404);
    fake.assertNoViolations();
  });
});

describe('fake GitHub: stateful default handlers', () => {
  it('keeps one sticky comment: create, find it in the list, update it in place', async () => {
    const created = await json(await call('POST', `${REPO}/issues/42/comments`, { body: { body: '<!-- gatehouse -->\nfirst' } }));
    const listed = await json(await call('GET', `${REPO}/issues/42/comments`));
    expect(listed.map((c: { id: number }) => c.id)).toEqual([created.id]);
    const updated = await call('PATCH', `${REPO}/issues/comments/${created.id}`, { body: { body: '<!-- gatehouse -->\nsecond' } });
    expect(updated.status).toBe(200);
    expect(fake.state.commentsOn(42).map((c) => c.body)).toEqual(['<!-- gatehouse -->\nsecond']);
    expect(created.user.login).toBe('github-actions[bot]');
    fake.assertNoViolations();
  });

  it('refuses a comment longer than GitHub allows', async () => {
    const response = await call('POST', `${REPO}/issues/42/comments`, { body: { body: 'x'.repeat(65_537) } });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await json(response))).toContain('Body is too long (maximum is 65536 characters)');
  });

  it('paginates with Link headers that octokit follows', async () => {
    for (let i = 0; i < 35; i += 1) fake.state.addComment(9, `comment ${i}`);
    const octokit = getOctokit(fake.writeToken, { baseUrl: fake.url });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'octo-org', repo: 'octo-repo', issue_number: 9, per_page: 10 });
    expect(all).toHaveLength(35);
    expect(fake.requestsTo('issues/list-comments')).toHaveLength(4);
    fake.assertNoViolations();
  });

  it('accepts a gzip + base64 SARIF upload and reports it pending, then complete', async () => {
    const sarif = { version: '2.1.0', runs: [] };
    const upload = await call('POST', `${REPO}/code-scanning/sarifs`, {
      body: { commit_sha: 'a'.repeat(40), ref: 'refs/pull/42/merge', sarif: gzipSync(JSON.stringify(sarif)).toString('base64') },
    });
    expect(upload.status).toBe(202);
    const { id } = await json(upload);
    expect(fake.state.sarifUploads[0]).toMatchObject({ id, ref: 'refs/pull/42/merge', sarif });
    const statusOf = async () => (await json(await call('GET', `${REPO}/code-scanning/sarifs/${id}`))).processing_status;
    expect(await statusOf()).toBe('pending');
    expect(await statusOf()).toBe('complete');
    fake.assertNoViolations();
  });

  it('answers 403 for SARIF from a read-only token or where code scanning is off, and flags a SARIF that is not gzip', async () => {
    const body = { commit_sha: 'b'.repeat(40), ref: 'refs/heads/main', sarif: gzipSync('{}').toString('base64') };
    expect((await call('POST', `${REPO}/code-scanning/sarifs`, { token: fake.readOnlyToken, body })).status).toBe(403);
    fake.state.codeScanningEnabled = false;
    const disabled = await call('POST', `${REPO}/code-scanning/sarifs`, { body });
    expect(disabled.status).toBe(403);
    expect((await json(disabled)).message).toBe('Advanced Security must be enabled for this repository to use code scanning.');
    fake.assertNoViolations();
    fake.state.codeScanningEnabled = true;
    const plain = await call('POST', `${REPO}/code-scanning/sarifs`, { body: { ...body, sarif: Buffer.from('{}').toString('base64') } });
    expect(plain.status).toBe(400);
    expect(fake.takeViolations()[0]!.problems).toEqual(['sarif is not gzip-compressed']);
  });

  it('creates, labels, lists and closes issues', async () => {
    const created = await json(await call('POST', `${REPO}/issues`, { body: { title: 'Override used', labels: ['gatehouse'] } }));
    await call('POST', `${REPO}/issues/${created.number}/labels`, { body: { labels: ['security'] } });
    const listed = await json(await call('GET', `${REPO}/issues?labels=gatehouse,security&state=open`));
    expect(listed.map((i: { number: number }) => i.number)).toEqual([created.number]);
    await call('PATCH', `${REPO}/issues/${created.number}`, { body: { state: 'closed' } });
    expect(await json(await call('GET', `${REPO}/issues?state=open`))).toEqual([]);
    expect(fake.state.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
    fake.assertNoViolations();
  });

  it('serves a file at a ref, so a PR run can read the base branch’s policy', async () => {
    fake.state.setFile('main', '.github/gatehouse.yml', 'block: [critical]\n');
    fake.state.setFile('feature', '.github/gatehouse.yml', 'block: []\n');
    const octokit = getOctokit(fake.writeToken, { baseUrl: fake.url });
    const { data } = await octokit.rest.repos.getContent({ owner: 'octo-org', repo: 'octo-repo', path: '.github/gatehouse.yml', ref: 'main' });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('block: [critical]\n');
    await expect(octokit.rest.repos.getContent({ owner: 'octo-org', repo: 'octo-repo', path: 'missing.yml' })).rejects.toMatchObject({ status: 404 });
    fake.assertNoViolations();
  });
});

describe('fake GitHub: blob storage behind signed URLs', () => {
  it('keeps every signed URL of a blob valid, so two concurrent downloads do not revoke each other, and refuses a forged one', async () => {
    const first = fake.state.signedBlobUrl('artifacts/1/ledger.zip', Buffer.from('zip bytes'));
    const second = fake.state.signedBlobUrl('artifacts/1/ledger.zip', Buffer.from('zip bytes'));
    expect(first).not.toBe(second);
    const [a, b] = await Promise.all([fetch(first), fetch(second)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.text()).toBe('zip bytes');
    const forged = new URL(first);
    forged.searchParams.set('sig', 'forged');
    expect((await fetch(forged)).status).toBe(403);
  });
});
