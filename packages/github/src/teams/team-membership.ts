import { ConfigurationError } from '@gatehouse/findings';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { NotFound } from '../client/github-api-error';

const LOGIN = /^[A-Za-z0-9-]{1,39}$/;
const TEAM = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;

/**
 * Whether `login` is an active member of `org/team-slug`
 * (GET /orgs/{org}/teams/{team_slug}/memberships/{username}). 404 means not a member (or a team the
 * token cannot see). The workflow's GITHUB_TOKEN cannot read organization teams: pass a token with
 * the organization's `members: read` permission. Other failures throw a GitHubApiError.
 */
export async function isActiveTeamMember(client: GitHubClient, team: string, login: string): Promise<boolean> {
  const match = TEAM.exec(team);
  if (!match) throw new ConfigurationError(`team ${JSON.stringify(team).slice(0, 150)} must be org/team-slug`);
  if (!LOGIN.test(login)) throw new ConfigurationError(`${JSON.stringify(login).slice(0, 60)} is not a GitHub login`);
  try {
    const { data } = await callGitHub('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', () =>
      client.octokit.rest.teams.getMembershipForUserInOrg({ org: match[1]!, team_slug: match[2]!, username: login }),
    );
    return data.state === 'active';
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}
