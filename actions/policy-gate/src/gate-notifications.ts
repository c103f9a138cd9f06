import type { GatePublisher } from '@gatehouse/action-runtime';
import { ConfigurationError, errorMessage, type Finding, type FindingsDocument } from '@gatehouse/findings';
import { isDefaultBranchRun, notificationIssuePort } from '@gatehouse/github';
import {
  deliverAll,
  emailChannel,
  githubIssueChannel,
  renderDeliveryReportMarkdown,
  slackChannel,
  toNotificationFinding,
  webhookChannel,
  type NotificationChannel,
  type NotificationInput,
  type RetryPolicy,
} from '@gatehouse/notify';

export const NOTIFY_ON_VALUES = ['block', 'incomplete', 'critical'] as const;
export type NotifyOn = (typeof NOTIFY_ON_VALUES)[number];

/** The notification inputs of policy-gate (secrets: pass them from `secrets.*`). */
export interface GateNotificationInputs {
  'notify-on': NotifyOn[];
  'slack-webhook-url'?: string | undefined;
  'webhook-url'?: string | undefined;
  'webhook-secret'?: string | undefined;
  'smtp-url'?: string | undefined;
  'email-from'?: string | undefined;
  'email-to': string[];
  'notify-issue': boolean;
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

/** Parses `smtps://user:pass@host:465` (implicit TLS) or `smtp://user:pass@host:587` (STARTTLS required). */
export function smtpSettings(smtpUrl: string): { host: string; port?: number; secure: boolean; insecure: boolean; auth?: { user: string; pass: string } } {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // Never echo the URL: it holds the password.
    throw new ConfigurationError('smtp-url is not a URL (smtps://user:password@host:465 or smtp://user:password@host:587)');
  }
  if (url.protocol !== 'smtps:' && url.protocol !== 'smtp:') throw new ConfigurationError('smtp-url must start with smtps:// or smtp://');
  if (!url.hostname) throw new ConfigurationError('smtp-url has no host');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  // Plain SMTP only to a loopback address (a relay on the runner, tests); notify refuses it elsewhere.
  const insecure = url.searchParams.get('tls') === 'none';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === 'smtps:',
    insecure,
    ...(user ? { auth: { user, pass } } : {}),
  };
}

/** The channels the inputs configure; one that is misconfigured is left out and said, the others still go. */
export function gateChannels(inputs: GateNotificationInputs, issuePort: Parameters<typeof githubIssueChannel>[0] | undefined): { channels: NotificationChannel[]; problems: string[] } {
  const channels: NotificationChannel[] = [];
  const problems: string[] = [];
  const add = (name: string, build: () => NotificationChannel) => {
    try {
      channels.push(build());
    } catch (error) {
      problems.push(`The ${name} channel is not used: ${error instanceof ConfigurationError ? error.message : errorMessage(error)}`.slice(0, 400));
    }
  };
  if (inputs['slack-webhook-url']) add('Slack', () => slackChannel({ webhookUrl: inputs['slack-webhook-url']!, allowInsecureLoopback: true }));
  if (inputs['webhook-url']) {
    add('webhook', () => {
      if (!inputs['webhook-secret']) throw new ConfigurationError('webhook-url needs webhook-secret (the HMAC-SHA256 signing key)');
      return webhookChannel({ url: inputs['webhook-url']!, secret: inputs['webhook-secret'], allowInsecureLoopback: true });
    });
  }
  if (inputs['smtp-url']) {
    add('e-mail', () => {
      if (!inputs['email-from'] || inputs['email-to'].length === 0) throw new ConfigurationError('smtp-url needs email-from and email-to');
      const smtp = smtpSettings(inputs['smtp-url']!);
      return emailChannel({ ...smtp, allowInsecureLoopback: smtp.insecure, from: inputs['email-from'], to: inputs['email-to'] });
    });
  }
  if (inputs['notify-issue'] && issuePort) add('GitHub issue', () => githubIssueChannel(issuePort, { extraLabels: ['gatehouse'] }));
  return { channels, problems };
}

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
      const { channels, problems } = gateChannels(inputs, notificationIssuePort(setup.client));
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
      const delivered = report.deliveries.filter((d) => d.outcome === 'delivered').length;
      const note = `Notifications: ${delivered} of ${report.deliveries.length} channel(s) confirmed delivery${report.undelivered.length ? `; not delivered: ${report.undelivered.join(', ')}` : ''}.`;
      // No channel is required for the gate (a delivery never changes its verdict): drop the report's line about required channels.
      const table = renderDeliveryReportMarkdown(report).split('\n').slice(2).join('\n');
      return { notes: [...problems, note], sections: [`### Notifications\n\n${table}`] };
    },
  };
}
