import type { Logger } from '@gatehouse/findings';
import { toGitHubApiError } from './classify-error';
import { NotFound, PermissionDenied } from './github-api-error';

/** The author of everything a workflow's GITHUB_TOKEN writes. Logins cannot contain brackets, so no person can take this name. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

export interface TokenIdentity {
  login: string;
  /** How it was learnt. */
  source: 'configured' | 'api' | 'github-token-default';
}

interface UserLookup {
  rest: { users: { getAuthenticated(): Promise<{ data: { login: string } }> } };
}

/**
 * Who the token writes as. GET /user answers for personal tokens; installation tokens (GITHUB_TOKEN
 * among them) get 403 "Resource not accessible by integration", and then the author is
 * github-actions[bot]. A GitHub App's own token should pass its "slug[bot]" login explicitly.
 */
export async function resolveTokenIdentity(octokit: UserLookup, logger: Logger, configured?: string): Promise<TokenIdentity> {
  if (configured) return { login: configured, source: 'configured' };
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login, source: 'api' };
  } catch (error) {
    const typed = toGitHubApiError(error, 'GET /user');
    if (!(typed instanceof PermissionDenied || typed instanceof NotFound)) throw typed;
    logger.debug(`GET /user is not allowed for this token (${typed.githubMessage}); writing as ${GITHUB_ACTIONS_LOGIN}`);
    return { login: GITHUB_ACTIONS_LOGIN, source: 'github-token-default' };
  }
}
