import { errorMessage, type Logger } from '@gatehouse/findings';
import { callGitHub, type GitHubClient } from '@gatehouse/github';

/**
 * The policy's teams (`org/team-slug`) the actor is an active member of. GitHub answers this only to
 * a token that may read the organisation's members (GITHUB_TOKEN may not): a team that cannot be
 * asked counts as "not a member", said in the log, so an unreadable membership never lets anyone in.
 */
export async function teamsOfActor(client: GitHubClient, actor: string, teams: readonly string[], logger: Logger): Promise<string[]> {
  const member: string[] = [];
  for (const team of teams) {
    const [org, slug] = team.split('/') as [string, string];
    try {
      const { data } = await callGitHub('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', () =>
        client.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: actor }),
      );
      if (data.state === 'active') member.push(team);
    } catch (error) {
      logger.info(`team ${team}: membership of ${actor} could not be confirmed (${errorMessage(error).split('\n')[0]!.slice(0, 200)}); counted as not a member`);
    }
  }
  return member;
}
