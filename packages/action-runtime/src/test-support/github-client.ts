import { silentLogger } from '@gatehouse/findings';
import { createGitHubClient, type GitHubClient } from '@gatehouse/github';
import type { FakeGitHub } from '@gatehouse/testing-harness';

/** A client for the fake API with the retry and throttling waits shrunk to milliseconds. */
export function fakeClient(fake: FakeGitHub, token = fake.writeToken): GitHubClient {
  return createGitHubClient({
    token,
    logger: silentLogger,
    repository: fake.repository,
    apiUrl: fake.url,
    env: {},
    retryBaseDelayMs: 5,
    rateLimitSecondMs: 5,
    writeIntervalMs: 0,
  });
}
