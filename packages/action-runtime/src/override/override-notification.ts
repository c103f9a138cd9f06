import type { Decision, Finding } from '@gatehouse/findings';
import type { GitHubContext } from '@gatehouse/github';
import { toNotificationFinding, type NotificationInput } from '@gatehouse/notify';
import type { OverrideTicket } from './override-request-text';

export interface OverrideNotificationFacts {
  context: GitHubContext;
  environment: string | undefined;
  reason: string;
  ticket: OverrideTicket | undefined;
  decision: Decision | undefined;
  findings: readonly Finding[];
  runUrl: string;
  occurredAt: Date;
  expiresAt: Date | undefined;
}

/** One id per job attempt: a retried delivery or a re-sent issue update finds the same message. */
export function overrideNotificationId(context: GitHubContext): string {
  const job = context.job.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  return ['override', String(context.runId), String(context.runAttempt), job].filter(Boolean).join('-');
}

const SHA = /^[0-9a-f]{7,64}$/;

/**
 * The override as packages/notify carries it: who, what (repository, ref, commit, environment), why
 * (the reason, untrusted: every channel escapes it), which findings block (through
 * toNotificationFinding, so no secret value can be in them), the run and when the override lapses.
 */
export function overrideNotification(facts: OverrideNotificationFacts): NotificationInput {
  const { context, decision } = facts;
  const blocking = new Set(decision?.blockingIds ?? []);
  const findings = facts.findings.filter((f) => blocking.has(f.id)).map(toNotificationFinding);
  const verdict = decision?.verdict ?? 'unknown';
  const where = facts.environment ? `to ${facts.environment}` : 'without an environment';
  return {
    id: overrideNotificationId(context),
    kind: 'override',
    title: `Deploy ${where} despite a ${verdict} decision (${blocking.size} blocking finding${blocking.size === 1 ? '' : 's'})`,
    summary: facts.reason || '(no reason given)',
    occurredAt: facts.occurredAt.toISOString(),
    actor: { login: context.actor || 'unknown' },
    target: {
      repository: context.repository.fullName,
      ref: context.ref,
      ...(SHA.test(context.sha) ? { sha: context.sha } : {}),
      ...(facts.environment ? { environment: facts.environment } : {}),
      workflow: context.workflow,
      // Notifications link only to https (a GitHub Enterprise Server on plain http is shown in the audit record instead).
      ...(facts.runUrl.startsWith('https://') ? { runUrl: facts.runUrl } : {}),
    },
    findings,
    ...(decision ? { severityCounts: decision.counts.bySeverity } : {}),
    ...(facts.expiresAt ? { expiresAt: facts.expiresAt.toISOString() } : {}),
    ...(facts.ticket ? { ticket: facts.ticket } : {}),
  };
}
