import { describe, expect, it } from 'vitest';
import { classifyHttpError, toGitHubApiError } from './classify-error';
import {
  FeatureUnavailable,
  GitHubUnavailable,
  NotFound,
  PayloadTooLarge,
  PermissionDenied,
  RateLimited,
  Unauthorized,
  UnexpectedResponse,
  ValidationFailed,
} from './github-api-error';

function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return {
    name: 'HttpError',
    status,
    message: 'raw',
    request: { method: 'POST', url: 'https://api.github.com/repos/o/r/code-scanning/sarifs?x=1' },
    response: { status, headers: { 'x-github-request-id': 'ABCD:1', ...headers }, data },
  };
}

describe('classifyHttpError', () => {
  it.each([
    ['Advanced Security must be enabled for this repository to use code scanning.', 403],
    ['Code Security must be enabled for this repository to use code scanning.', 403],
    ['Code scanning is not enabled for this repository. Please enable code scanning in the repository settings.', 403],
    ['GitHub Advanced Security is not enabled', 403],
    ['GitHub Advanced Security blocked by a policy', 403],
    ['Secret scanning is not available for this repository', 422],
  ])('reads "%s" as the feature being unavailable', (message, status) => {
    expect(classifyHttpError(httpError(status, { message }))).toBeInstanceOf(FeatureUnavailable);
  });

  it('reads the integration refusal as PermissionDenied, and keeps GitHub’s words and request id', () => {
    const error = classifyHttpError(httpError(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }));
    expect(error).toBeInstanceOf(PermissionDenied);
    expect(error).toMatchObject({ status: 403, githubMessage: 'Resource not accessible by integration', requestId: 'ABCD:1', operation: 'POST /repos/o/r/code-scanning/sarifs' });
  });

  it('tells rate limits from refusals', () => {
    expect(classifyHttpError(httpError(429, { message: 'slow down' }, { 'retry-after': '30' }))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 30 });
    expect(classifyHttpError(httpError(403, { message: 'You have exceeded a secondary rate limit.' }))).toBeInstanceOf(RateLimited);
    expect(classifyHttpError(httpError(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' }))).toBeInstanceOf(RateLimited);
  });

  it('maps the other statuses', () => {
    expect(classifyHttpError(httpError(401, { message: 'Bad credentials' }))).toBeInstanceOf(Unauthorized);
    expect(classifyHttpError(httpError(404, { message: 'Not Found' }))).toBeInstanceOf(NotFound);
    expect(classifyHttpError(httpError(410, { message: 'Issues are disabled for this repo' }))).toBeInstanceOf(NotFound);
    expect(classifyHttpError(httpError(413, ''))).toBeInstanceOf(PayloadTooLarge);
    expect(classifyHttpError(httpError(502, '<html>Bad gateway</html>'))).toBeInstanceOf(GitHubUnavailable);
    expect(classifyHttpError(httpError(418, { message: 'teapot' }))).toBeInstanceOf(UnexpectedResponse);
    const invalid = classifyHttpError(httpError(422, { message: 'Validation Failed', errors: [{ resource: 'Label', field: 'name', code: 'already_exists' }, 'plain'] }));
    expect(invalid).toBeInstanceOf(ValidationFailed);
    expect(invalid.errors).toEqual(['Label name already_exists', 'plain']);
    expect(invalid.describe()).toBe('POST /repos/o/r/code-scanning/sarifs: 422 Validation Failed (Label name already_exists; plain)');
  });

  it('treats a request that got no answer as GitHub unavailable, and passes our own bugs through', () => {
    const noResponse = { name: 'HttpError', status: 500, message: 'connect ECONNREFUSED 127.0.0.1:9', request: { method: 'GET', url: 'https://x/y' } };
    expect(toGitHubApiError(noResponse)).toMatchObject({ kind: 'unavailable', status: undefined, githubMessage: 'connect ECONNREFUSED 127.0.0.1:9' });
    const bug = new TypeError('x is undefined');
    expect(toGitHubApiError(bug)).toBe(bug);
  });

  it('bounds GitHub’s message', () => {
    expect(classifyHttpError(httpError(400, { message: 'x'.repeat(5_000) })).githubMessage.length).toBeLessThanOrEqual(1_001);
  });
});
