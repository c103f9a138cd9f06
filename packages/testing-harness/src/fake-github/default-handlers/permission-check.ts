import type { FakeGitHub, FakeRequest, FakeResponse } from '../fake-github';
import { grants, type PermissionScope } from '../tokens';

/** GitHub's answer when a GITHUB_TOKEN lacks the permission (read-only tokens, fork PRs). */
export const NOT_ACCESSIBLE = 'Resource not accessible by integration';

/**
 * A 403 like GitHub's when the request's token has none of `scopes` at `level`; undefined when it
 * has one of them.
 */
export function forbiddenUnless(
  fake: FakeGitHub,
  request: FakeRequest,
  scopes: PermissionScope[],
  level: 'read' | 'write',
): FakeResponse | undefined {
  if (scopes.some((scope) => grants(request.token, scope, level))) return undefined;
  return fake.errorResponse(request, 403, NOT_ACCESSIBLE);
}

/** 404 for a repository other than the fake's own, as GitHub hides what a token cannot see. */
export function notThisRepository(fake: FakeGitHub, request: FakeRequest): FakeResponse | undefined {
  const { owner, repo } = request.params;
  if (String(owner).toLowerCase() === fake.repository.owner.toLowerCase() && String(repo).toLowerCase() === fake.repository.repo.toLowerCase()) {
    return undefined;
  }
  return fake.errorResponse(request, 404, 'Not Found');
}
