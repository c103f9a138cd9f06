import type { GatePublisher } from '@gatehouse/action-runtime';
import { notificationChannelsFromInputs, notificationDeliverySummary, smtpSettings, type NotificationChannelInputs } from '@gatehouse/action-runtime/notifications';
import type { Finding, FindingsDocument } from '@gatehouse/findings';
import { isDefaultBranchRun, notificationIssuePort } from '@gatehouse/github';
import { deliverAll, toNotificationFinding, type NotificationInput, type RetryPolicy } from '@gatehouse/notify';

export const NOTIFY_ON_VALUES = ['block', 'incomplete', 'critical'] as const;
export type NotifyOn = (typeof NOTIFY_ON_VALUES)[number];

/** The notification inputs of policy-gate (secrets: pass them from `secrets.*`). */
export interface GateNotificationInputs extends NotificationChannelInputs {
  'notify-on': NotifyOn[];
}

/**
 * Why a default-branch run must be heard of: the gate blocked, it could not judge (incomplete), or
 * an open critical finding exists. Never on pull requests or other branches: those are the
 * author's to fix, and the PR comment tells them.
 */
export function alertReasons(document: FindingsDocument, defaultBranch: boolean, notifyOn: readonly NotifyOn[]): NotifyOn[] {
  if (!defaultBranch) return [];
  const { verdict } = document.decision;
  const reasons: NotifyOn[] = [];
  if (notifyOn.includes('block') && verdict === 'block') reasons.push('block');
  if (notifyOn.includes('incomplete') && verdict === 'incomplete') reasons.push('incomplete');
  if (notifyOn.includes('critical') && document.findings.some((f) => f.status === 'open' && f.severity === 'critical')) reasons.push('critical');
  return reasons;
}

/** The channels the inputs configure (shared with secrets-scan; kept under policy-gate's name for its callers). */
export const gateChannels = notificationChannelsFromInputs;
export { smtpSettings };

function alertFindings(document: FindingsDocument): Finding[] {
  const blocking = new Set(document.decision.blockingIds);
  return document.findings.filter((f) => blocking.has(f.id) || (f.status === 'open' && f.severity === 'critical'));
}

export interface GateNotificationOptions {
  /** For tests: shorter retries. */
  retry?: RetryPolicy;
}

/**
 * policy-gate's notifications: on default-branch runs that block, are incomplete, or hold an open
 * critical finding, every configured channel is told (at once, each with bounded retries). The
 * delivery report goes to the job summary; a channel that fails never changes the verdict.
 */
export function gateNotifications(inputs: GateNotificationInputs, options: GateNotificationOptions = {}): GatePublisher {
  return {
    name: 'notifications',
    async publish(setup, document) {
      const reasons = alertReasons(document, isDefaultBranchRun(setup.context), inputs['notify-on']);
      if (reasons.length === 0) return {};
      const { channels, problems } = notificationChannelsFromInputs(inputs, notificationIssuePort(setup.client));
      for (const problem of problems) setup.logger.warning(problem);
      if (channels.length === 0) {
        return { notes: [...problems, ...(problems.length ? [] : ['No notification was sent: no channel is configured (slack-webhook-url, webhook-url, smtp-url or notify-issue).'])] };
      }
      const { context } = setup;
      const counts = document.decision.counts;
      const why = reasons.includes('block') ? `blocked (${counts.blocking} blocking finding(s))` : reasons.includes('incomplete') ? 'could not judge every engine (incomplete)' : 'found a critical finding';
      const message: NotificationInput = {
        id: `gate-${context.runId}-${context.runAttempt}`,
        kind: reasons.includes('block') || reasons.includes('incomplete') ? 'blocked-deploy' : 'incident',
        title: `Gatehouse ${why} on ${context.ref.replace(/^refs\/heads\//, '')} of ${context.repository.fullName}`,
        summary: document.decision.reasons.filter((r) => r.kind !== 'info').slice(0, 10).map((r) => r.message).join('\n'),
        actor: { login: context.actor || 'github-actions' },
        target: {
          repository: context.repository.fullName,
          ref: context.ref,
          ...(/^[0-9a-f]{40,64}$/.test(context.sha) ? { sha: context.sha } : {}),
          ...(context.workflow ? { workflow: context.workflow } : {}),
          ...(setup.runUrl.startsWith('https://') ? { runUrl: setup.runUrl } : {}),
        },
        findings: alertFindings(document).map(toNotificationFinding),
        severityCounts: counts.bySeverity,
      };
      const report = await deliverAll(message, channels, { required: [], logger: setup.logger, ...(options.retry ? { retry: options.retry } : {}) });
      const { note, section } = notificationDeliverySummary(report);
      return { notes: [...problems, note], sections: [section] };
    },
  };
}
