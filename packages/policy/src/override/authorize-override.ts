import type { Policy } from '../schema/policy-schema';
import { durationMs } from '../schema/duration';
import type { NotificationChannel } from '../schema/notifications';

/** What a SECURITY_OVERRIDE asks for; the caller resolves team membership and the event. */
export interface OverrideRequest {
  actor: string;
  /** `org/team-slug` of every team the actor belongs to (as far as the caller could find out). */
  actorTeams: readonly string[];
  /** The deployment environment of the job; undefined when the job has none. */
  environment: string | undefined;
  /** The GitHub event name: overrides are refused on pull requests. */
  event: string;
  /** The run comes from a fork (head repository differs from the base). */
  fromFork: boolean;
  reason: string;
  ticket?: string;
  /** How long the override should last; the policy's maximum when not given. */
  durationMs?: number;
}

export interface OverrideAuthorization {
  allowed: boolean;
  /** Every reason the override is refused (empty when allowed). */
  refusals: string[];
  /** When the override lapses (allowed requests only). */
  expiresAt?: Date;
  /** Channels to tell, in policy order. */
  notify: NotificationChannel[];
  /** Names of the channels that must confirm delivery before the deploy may proceed. */
  mustConfirm: string[];
}

/**
 * Decides whether a SECURITY_OVERRIDE may be used, from the policy alone (pure, time as a parameter).
 * Every refusal is listed, not just the first. Whether the deploy then proceeds also needs every
 * `mustConfirm` channel to confirm delivery: see `overrideMayProceed`.
 */
export function authorizeOverride(policy: Policy, request: OverrideRequest, now: Date): OverrideAuthorization {
  const { override } = policy;
  const refusals: string[] = [];
  if (request.reason.trim() === '') refusals.push('an override needs a reason');
  if (override.requireTicket && !request.ticket?.trim()) refusals.push('the policy requires a ticket reference for an override');
  // pull_request, pull_request_target, pull_request_review, ...: any event a pull request triggers.
  if (request.event.startsWith('pull_request')) refusals.push('overrides are not allowed on pull requests');
  if (request.fromFork) refusals.push('overrides are not allowed from forks');
  const actor = request.actor.toLowerCase();
  const teams = new Set(request.actorTeams.map((t) => t.toLowerCase()));
  const permitted = override.users.some((u) => u.toLowerCase() === actor) || override.teams.some((t) => teams.has(t.toLowerCase()));
  if (!permitted) refusals.push(`${request.actor} is not among the users or teams the policy allows to override`);
  const environment = request.environment?.toLowerCase();
  if (environment === undefined || !override.environments.some((e) => e.toLowerCase() === environment)) {
    refusals.push(`overrides are not allowed in ${request.environment === undefined ? 'a job without an environment' : `environment ${request.environment}`}`);
  }
  const maxMs = durationMs(override.maxDuration)!;
  const wanted = request.durationMs ?? maxMs;
  if (!(wanted > 0)) refusals.push('the override duration must be positive');
  if (wanted > maxMs) refusals.push(`the override would last longer than the policy's maximum of ${override.maxDuration}`);

  const byName = new Map(policy.notifications.channels.map((c) => [c.name, c]));
  const notify = override.notify.map((name) => byName.get(name)).filter((c): c is NotificationChannel => c !== undefined);
  const mustConfirm = notify.filter((c) => c.required).map((c) => c.name);
  if (mustConfirm.length === 0) refusals.push('no required notification channel would hear of the override');

  const authorization: OverrideAuthorization = { allowed: refusals.length === 0, refusals, notify, mustConfirm };
  if (authorization.allowed) authorization.expiresAt = new Date(now.getTime() + wanted);
  return authorization;
}

/** The deploy proceeds only when every channel that must confirm did (fail closed on anything else). */
export function overrideMayProceed(authorization: OverrideAuthorization, delivered: ReadonlyMap<string, boolean>): boolean {
  return authorization.allowed && authorization.mustConfirm.every((name) => delivered.get(name) === true);
}
