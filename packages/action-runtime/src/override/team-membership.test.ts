import { silentLogger } from '@gatehouse/findings';
import { FakeGitHub } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/github-client';
import { teamsOfActor } from './team-membership';

const ROUTE = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}';

let github: FakeGitHub;
beforeEach(async () => {
  github = await FakeGitHub.start();
});
afterEach(async () => {
  await github.close();
});

describe('teamsOfActor', () => {
  it('keeps the teams where the actor is an active member; pending, absent or unreadable membership counts as none', async () => {
    github.on(ROUTE, (request, fake) => {
      const slug = String(request.params.team_slug);
      const membership = (state: string) => ({ status: 200, body: { url: `${fake.url}/teams/1/memberships/alice`, role: 'member', state } });
      if (slug === 'sre') return membership('active');
      if (slug === 'release') return membership('pending');
      if (slug === 'secret-team') return fake.errorResponse(request, 403, 'Resource not accessible by integration');
      return fake.errorResponse(request, 404, 'Not Found');
    });
    const teams = await teamsOfActor(fakeClient(github), 'alice', ['acme/sre', 'acme/release', 'acme/secret-team', 'acme/other'], silentLogger);
    expect(teams).toEqual(['acme/sre']);
    expect(github.requests.filter((r) => r.route === ROUTE).map((r) => r.path)).toEqual([
      '/orgs/acme/teams/sre/memberships/alice',
      '/orgs/acme/teams/release/memberships/alice',
      '/orgs/acme/teams/secret-team/memberships/alice',
      '/orgs/acme/teams/other/memberships/alice',
    ]);
  });
});
