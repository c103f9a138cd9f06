import { silentLogger } from '@gatehouse/findings';
import type { FakeGitHub } from '@gatehouse/testing-harness';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../client/create-github-client';

/**
 * A client for the fake API with real retry and throttling plugins, whose waits are shrunk (one
 * "second" of Retry-After is 5 ms, retries wait milliseconds, writes are not spaced) so that unit
 * tests do not spend time sleeping.
 */
export function testClient(fake: FakeGitHub, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token: fake.writeToken,
    logger: silentLogger,
    repository: fake.repository,
    apiUrl: fake.url,
    env: {},
    retryBaseDelayMs: 5,
    rateLimitSecondMs: 5,
    writeIntervalMs: 0,
    ...options,
  });
}
