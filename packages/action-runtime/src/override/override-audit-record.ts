import type { Decision } from '@gatehouse/findings';
import type { GitHubContext } from '@gatehouse/github';
import type { DeliveryReport, Notification } from '@gatehouse/notify';
import type { UnavailableChannel } from './override-channels';
import type { OverrideOutcome } from './override-outcome';

/** Blocking finding ids kept in the record; the findings artifact of the gate has all of them. */
const MAX_RECORDED_IDS = 1_000;

export interface OverrideAuditRecord {
  kind: 'gatehouse-override-audit';
  version: 1;
  outcome: OverrideOutcome;
  proceed: boolean;
  recordedAt: string;
  request: {
    actor: string;
    triggeringActor: string | undefined;
    event: string;
    environment: string | undefined;
    /** Cleaned of control characters and bounded, as the notification carries it. */
    reason: string | undefined;
    ticket: Notification['ticket'] | undefined;
    expiresAt: string | undefined;
  };
  run: { repository: string; ref: string; sha: string; workflow: string; job: string; runId: number; runAttempt: number; url: string };
  decision: { source: string; verdict: Decision['verdict']; counts: Decision['counts']; reasons: { kind: string; code: string; message: string }[]; blockingIds: string[]; blockingIdsOmitted: number } | { source: string; unreadable: string };
  policy: { description: string; sha256: string };
  refusals: string[];
  mustConfirm: string[];
  unavailableChannels: UnavailableChannel[];
  delivery: DeliveryReport | undefined;
}

export interface AuditFacts {
  outcome: OverrideOutcome;
  proceed: boolean;
  now: Date;
  context: GitHubContext;
  triggeringActor: string | undefined;
  environment: string | undefined;
  notification: Notification;
  runUrl: string;
  decisionSource: string;
  decision: Decision | undefined;
  decisionProblem: string | undefined;
  policy: { description: string; sha256: string };
  refusals: string[];
  mustConfirm: string[];
  unavailable: UnavailableChannel[];
  delivery: DeliveryReport | undefined;
}

/** The audit record (override-audit.json): who asked, for what, what the policy said, who heard of it. */
export function overrideAuditRecord(facts: AuditFacts): OverrideAuditRecord {
  const { context, decision, notification } = facts;
  return {
    kind: 'gatehouse-override-audit',
    version: 1,
    outcome: facts.outcome,
    proceed: facts.proceed,
    recordedAt: facts.now.toISOString(),
    request: {
      actor: context.actor,
      triggeringActor: facts.triggeringActor,
      event: context.eventName,
      environment: facts.environment,
      reason: notification.summary,
      ticket: notification.ticket,
      expiresAt: notification.expiresAt,
    },
    run: {
      repository: context.repository.fullName,
      ref: context.ref,
      sha: context.sha,
      workflow: context.workflow,
      job: context.job,
      runId: context.runId,
      runAttempt: context.runAttempt,
      url: facts.runUrl,
    },
    decision: decision
      ? {
          source: facts.decisionSource,
          verdict: decision.verdict,
          counts: decision.counts,
          reasons: decision.reasons.map((r) => ({ kind: r.kind, code: r.code, message: r.message })),
          blockingIds: decision.blockingIds.slice(0, MAX_RECORDED_IDS),
          blockingIdsOmitted: Math.max(0, decision.blockingIds.length - MAX_RECORDED_IDS),
        }
      : { source: facts.decisionSource, unreadable: facts.decisionProblem ?? 'not read' },
    policy: facts.policy,
    refusals: facts.refusals,
    mustConfirm: facts.mustConfirm,
    unavailableChannels: facts.unavailable,
    delivery: facts.delivery,
  };
}
