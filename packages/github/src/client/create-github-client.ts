import { randomUUID } from 'node:crypto';
import { getOctokit } from '@actions/github';
import { ConfigurationError, type Logger } from '@gatehouse/findings';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { GATEHOUSE_VERSION } from '../version';
import { apiBaseUrl } from './api-url';
import { rateLimitHandlers } from './rate-limit-handlers';
import { parseRepository, type RepositoryRef } from './repository-ref';
import { requestTimeout } from './request-timeout';
import { resolveTokenIdentity, type TokenIdentity } from './token-identity';

export type GitHubOctokit = ReturnType<typeof getOctokit>;
type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;

export interface GitHubClientOptions {
  /** GITHUB_TOKEN or another token. Never logged. */
  token: string;
  logger: Logger;
  /** "owner/repo" or a ref; GITHUB_REPOSITORY by default. */
  repository?: string | RepositoryRef;
  /** REST API base; GITHUB_API_URL by default (GHES: https://host/api/v3), else https://api.github.com. */
  apiUrl?: string;
  /** Where GITHUB_REPOSITORY / GITHUB_API_URL are read from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Sent as `gatehouse/<version>`. */
  version?: string;
  /**
   * Login the token writes as, when known (a PAT's user, an app's "slug[bot]"). Otherwise asked of
   * GET /user, and "github-actions[bot]" when the token may not ask (GITHUB_TOKEN).
   */
  identity?: string;
  /** Retries of 5xx answers, network errors and timeouts (default 3; delays of 1, 4, 9 × retryBaseDelayMs). */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Retries after a primary or secondary rate limit (default 2), each only when GitHub asks to wait at most maxRateLimitWaitSeconds (default 60). */
  rateLimitRetries?: number;
  maxRateLimitWaitSeconds?: number;
  /** Milliseconds per second of Retry-After (1000; tests shrink it to keep time out of unit tests). */
  rateLimitSecondMs?: number;
  /** Spacing between writes (POST/PATCH/PUT/DELETE), as GitHub asks of integrations (default 1000 ms). */
  writeIntervalMs?: number;
  /** Each attempt of a request is abandoned after this long (default 60 s: a 10 MB SARIF upload on a slow self-hosted link). */
  requestTimeoutMs?: number;
}

export interface GitHubClient {
  readonly octokit: GitHubOctokit;
  readonly repository: RepositoryRef;
  readonly apiUrl: string;
  readonly logger: Logger;
  /** Who the token writes as: the author of the comments and issues this client creates. Asked once. */
  identity(): Promise<TokenIdentity>;
}

/**
 * An octokit for GitHub.com or GHES: proxy-aware (@actions/github), retries of server errors
 * (@octokit/plugin-retry), rate limits honoured through Retry-After and x-ratelimit-reset
 * (@octokit/plugin-throttling), every attempt time-limited, all of it bounded so that a run never
 * waits on GitHub for long. Failures reach callers as typed errors (see `callGitHub`).
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const env = options.env ?? process.env;
  if (!options.token) throw new ConfigurationError('no GitHub token: pass `token: ${{ github.token }}` (the default) or a token with the permissions listed in the docs');
  const repository = parseRepository(options.repository ?? env.GITHUB_REPOSITORY);
  const apiUrl = apiBaseUrl(options.apiUrl ?? env.GITHUB_API_URL);
  const { logger } = options;
  const writeInterval = options.writeIntervalMs ?? 1_000;

  const octokit = getOctokit(
    options.token,
    {
      baseUrl: apiUrl,
      userAgent: `gatehouse/${options.version ?? GATEHOUSE_VERSION}`,
      // octokit's own log would print to the console; warnings go through our Logger instead.
      log: { debug: () => {}, info: () => {}, warn: (message: string) => logger.debug(message), error: (message: string) => logger.debug(message) },
      retry: {
        retries: options.retries ?? 3,
        retryAfterBaseValue: options.retryBaseDelayMs ?? 1_000,
        // 403 and 429 are rate limits (the throttling plugin's job) or refusals; retrying 4xx is pointless.
        doNotRetry: [400, 401, 403, 404, 410, 413, 422, 429, 451],
      },
      throttle: {
        // A group per client: the plugin's default groups are shared by every octokit in the process.
        id: randomUUID(),
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeInterval }),
        retryAfterBaseValue: options.rateLimitSecondMs ?? 1_000,
        ...rateLimitHandlers(logger, {
          retries: options.rateLimitRetries ?? 2,
          maxWaitSeconds: options.maxRateLimitWaitSeconds ?? 60,
        }),
      },
    },
    // Order matters: the first plugin's hook is innermost, so each retry gets a fresh timeout.
    requestTimeout(options.requestTimeoutMs ?? 60_000) as unknown as OctokitPlugin,
    retry,
    throttling,
  );

  let identity: Promise<TokenIdentity> | undefined;
  return {
    octokit,
    repository,
    apiUrl,
    logger,
    identity: () => {
      identity ??= resolveTokenIdentity(octokit, logger, options.identity);
      return identity;
    },
  };
}
