import { describe, expect, it } from 'vitest';
import { HOUR, NOW, policyOf } from '../test-support/policy-fixtures';
import { authorizeOverride, overrideMayProceed, type OverrideRequest } from './authorize-override';

const policy = policyOf({
  notifications: {
    channels: [
      { kind: 'slack', name: 'ops-alerts', channel: '#ops-alerts', required: true },
      { kind: 'email', name: 'security-mail', to: ['security@example.com'] },
    ],
  },
  override: { users: ['alice'], teams: ['acme/sre'], environments: ['Production'], maxDuration: '24h', notify: ['ops-alerts', 'security-mail'] },
});

const request = (overrides: Partial<OverrideRequest> = {}): OverrideRequest => ({
  actor: 'alice',
  actorTeams: [],
  environment: 'production',
  event: 'workflow_dispatch',
  fromFork: false,
  reason: 'hotfix for outage INC-42',
  ticket: 'INC-42',
  ...overrides,
});

describe('authorizeOverride', () => {
  it('allows a listed user in a listed environment (names compared case-insensitively) and says who must confirm', () => {
    const result = authorizeOverride(policy, request(), NOW);
    expect(result).toMatchObject({ allowed: true, refusals: [], mustConfirm: ['ops-alerts'] });
    expect(result.notify.map((c) => c.name)).toEqual(['ops-alerts', 'security-mail']);
    expect(result.expiresAt?.getTime()).toBe(NOW.getTime() + 24 * HOUR);
  });

  it('allows a member of a listed team', () => {
    expect(authorizeOverride(policy, request({ actor: 'bob', actorTeams: ['ACME/sre'] }), NOW).allowed).toBe(true);
  });

  it('lists every refusal', () => {
    const result = authorizeOverride(
      policy,
      request({ actor: 'mallory', environment: 'staging', event: 'pull_request', fromFork: true, reason: ' ', ticket: undefined, durationMs: 48 * HOUR }),
      NOW,
    );
    expect(result.allowed).toBe(false);
    expect(result.expiresAt).toBeUndefined();
    expect(result.refusals).toEqual([
      'an override needs a reason',
      'the policy requires a ticket reference for an override',
      'overrides are not allowed on pull requests',
      'overrides are not allowed from forks',
      'mallory is not among the users or teams the policy allows to override',
      'overrides are not allowed in environment staging',
      "the override would last longer than the policy's maximum of 24h",
    ]);
  });

  it('refuses a job without an environment', () => {
    expect(authorizeOverride(policy, request({ environment: undefined }), NOW).refusals).toEqual(['overrides are not allowed in a job without an environment']);
  });

  it('the default policy allows nobody', () => {
    const result = authorizeOverride(policyOf(), request(), NOW);
    expect(result.allowed).toBe(false);
    expect(result.refusals).toContain('no required notification channel would hear of the override');
  });
});

describe('overrideMayProceed', () => {
  const authorization = authorizeOverride(policy, request(), NOW);

  it('proceeds only when every required channel confirmed delivery', () => {
    expect(overrideMayProceed(authorization, new Map([['ops-alerts', true]]))).toBe(true);
    expect(overrideMayProceed(authorization, new Map([['ops-alerts', false], ['security-mail', true]]))).toBe(false);
    expect(overrideMayProceed(authorization, new Map([['security-mail', true]]))).toBe(false);
  });

  it('never proceeds for a refused override', () => {
    expect(overrideMayProceed(authorizeOverride(policy, request({ actor: 'eve' }), NOW), new Map([['ops-alerts', true]]))).toBe(false);
  });
});
