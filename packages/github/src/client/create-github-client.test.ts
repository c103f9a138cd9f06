import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '@gatehouse/findings';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../test-support/test-client';
import { callGitHub } from './classify-error';
import { createGitHubClient } from './create-github-client';
import { GitHubUnavailable, PermissionDenied, RateLimited, Unauthorized } from './github-api-error';

let fake: FakeGitHub;
let logger: MemoryLogger;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  logger = new MemoryLogger();
});
afterEach(async () => {
  await fake.close();
});

const LIST_COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';

function listComments(client: ReturnType<typeof testClient>) {
  return callGitHub('list comments', () => client.octokit.rest.issues.listComments({ ...client.repository, issue_number: 7 }));
}

describe('createGitHubClient: retries and rate limits', () => {
  it('retries a secondary rate limit after the Retry-After GitHub sent', async () => {
    fake.injectFault(LIST_COMMENTS, { status: 429, retryAfter: 1 });
    const client = testClient(fake, { logger });
    const response = await listComments(client);
    expect(response.status).toBe(200);
    expect(fake.requestsTo('issues/list-comments').map((r) => r.status)).toEqual([429, 200]);
    expect(logger.text()).toContain('secondary rate limit on GET /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying after 1 s (retry 1 of 2)');
  });

  it('gives up after the bounded number of rate-limit retries, as RateLimited', async () => {
    fake.injectFault(LIST_COMMENTS, { status: 429, retryAfter: 1 }, 10);
    const client = testClient(fake, { logger });
    const error = await listComments(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterSeconds).toBe(1);
    expect(fake.requestsTo('issues/list-comments')).toHaveLength(3);
    expect(logger.text()).toContain('giving up after 2 retries');
  });

  it('does not wait when GitHub asks for longer than the maximum', async () => {
    fake.injectFault(LIST_COMMENTS, { status: 429, retryAfter: 3600 });
    const client = testClient(fake, { logger });
    await expect(listComments(client)).rejects.toBeInstanceOf(RateLimited);
    expect(fake.requestsTo('issues/list-comments')).toHaveLength(1);
    expect(logger.text()).toContain('GitHub asks to wait 3600 s, more than 60 s');
  });

  it('waits for the primary rate limit to reset when the reset is near, then retries', async () => {
    let calls = 0;
    fake.on(LIST_COMMENTS, (request) => {
      calls += 1;
      if (calls > 1) return { status: 200, body: [] };
      const reset = String(Math.floor(Date.now() / 1000) + 1);
      return { ...fake.errorResponse(request, 403, 'API rate limit exceeded for installation ID 12345.'), headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } };
    });
    const client = testClient(fake, { logger });
    expect((await listComments(client)).status).toBe(200);
    expect(calls).toBe(2);
    expect(logger.text()).toMatch(/primary rate limit on GET .*: retrying after [12] s/);
  });

  it('does not wait an hour for the primary rate limit: RateLimited, with the wait GitHub asked for', async () => {
    fake.on(LIST_COMMENTS, (request) => ({
      ...fake.errorResponse(request, 403, 'API rate limit exceeded for installation ID 12345.'),
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) },
    }));
    const error = await listComments(testClient(fake, { logger })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterSeconds).toBeGreaterThan(3000);
    expect(fake.requestsTo('issues/list-comments')).toHaveLength(1);
  });

  it('retries server errors, then succeeds', async () => {
    fake.injectFault(LIST_COMMENTS, { status: 502 }, 2);
    const client = testClient(fake, { logger });
    expect((await listComments(client)).status).toBe(200);
    expect(fake.requestsTo('issues/list-comments').map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('retries a server error a bounded number of times, then reports GitHub unavailable', async () => {
    fake.injectFault(LIST_COMMENTS, { status: 500 }, 10);
    const client = testClient(fake, { logger, retries: 2 });
    const error = await listComments(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubUnavailable);
    expect((error as GitHubUnavailable).status).toBe(500);
    expect(fake.requestsTo('issues/list-comments')).toHaveLength(3);
  });

  it('abandons an attempt that hangs, and retries it', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.on(LIST_COMMENTS, async () => {
      calls += 1;
      if (calls === 1) await hung;
      return { status: 200, body: [] };
    });
    const client = testClient(fake, { logger, requestTimeoutMs: 300 });
    try {
      expect((await listComments(client)).data).toEqual([]);
      expect(calls).toBe(2);
    } finally {
      release();
    }
  });
});

describe('createGitHubClient: a body that stalls', () => {
  it('is an error after the bounded retries, never an empty 2xx', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createGitHubClient({ token: 't', logger, repository: 'o/r', apiUrl: `http://127.0.0.1:${port}`, env: {}, retries: 1, retryBaseDelayMs: 5, requestTimeoutMs: 300, writeIntervalMs: 0 });
    try {
      await expect(client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).rejects.toThrow(/did not arrive in full/);
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('createGitHubClient: typed failures', () => {
  it('maps a read-only token’s refusal to PermissionDenied with GitHub’s words', async () => {
    const client = testClient(fake, { token: fake.readOnlyToken });
    const error = await callGitHub('create comment', () =>
      client.octokit.rest.issues.createComment({ ...client.repository, issue_number: 7, body: 'x' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDenied);
    expect((error as PermissionDenied).githubMessage).toBe('Resource not accessible by integration');
    expect((error as PermissionDenied).describe()).toContain('pull requests from forks get a read-only token');
    expect(fake.requestsTo('issues/create-comment')).toHaveLength(1);
  });

  it('maps an unknown token to Unauthorized without retrying', async () => {
    const client = testClient(fake, { token: 'ghs_not_issued_by_the_fake' });
    await expect(listComments(client)).rejects.toBeInstanceOf(Unauthorized);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports an unreachable API as GitHub unavailable', async () => {
    const client = createGitHubClient({
      token: 'ghs_x',
      logger,
      repository: 'octo-org/octo-repo',
      apiUrl: 'http://127.0.0.1:9',
      retries: 0,
      env: {},
    });
    await expect(listComments(client)).rejects.toBeInstanceOf(GitHubUnavailable);
  });
});

describe('createGitHubClient: configuration', () => {
  it('sends the gatehouse user agent to the API base from GITHUB_API_URL', async () => {
    let userAgent = '';
    fake.on(LIST_COMMENTS, (request) => {
      userAgent = String(request.headers['user-agent']);
      return { status: 200, body: [] };
    });
    const client = createGitHubClient({ token: fake.writeToken, logger, env: { GITHUB_API_URL: `${fake.url}/`, GITHUB_REPOSITORY: 'octo-org/octo-repo' }, version: '1.2.3' });
    await listComments(client);
    expect(client.apiUrl).toBe(fake.url);
    expect(userAgent).toMatch(/^gatehouse\/1\.2\.3 /);
  });

  it('refuses plain http to a host other than loopback, and a malformed repository', () => {
    const base = { token: 't', logger, env: {} };
    expect(() => createGitHubClient({ ...base, repository: 'a/b', apiUrl: 'http://ghes.example.com/api/v3' })).toThrow(/must use https/);
    expect(() => createGitHubClient({ ...base, repository: 'a/b/c' })).toThrow(/is not an owner\/repository name/);
    expect(() => createGitHubClient({ ...base })).toThrow(/GITHUB_REPOSITORY is not set/);
    expect(() => createGitHubClient({ ...base, token: '', repository: 'a/b' })).toThrow(/no GitHub token/);
    expect(createGitHubClient({ ...base, repository: 'a/b', apiUrl: 'https://ghes.example.com/api/v3/' }).apiUrl).toBe('https://ghes.example.com/api/v3');
  });

  it('writes as github-actions[bot] when the token may not ask GET /user', async () => {
    const client = testClient(fake, { logger });
    expect(await client.identity()).toEqual({ login: 'github-actions[bot]', source: 'github-token-default' });
    expect(await client.identity()).toEqual({ login: 'github-actions[bot]', source: 'github-token-default' });
    expect(fake.requests.filter((r) => r.path === '/user')).toHaveLength(1);
    expect(await testClient(fake, { identity: 'gatehouse-app[bot]' }).identity()).toEqual({ login: 'gatehouse-app[bot]', source: 'configured' });
  });
});
