import { notificationChannelsFromInputs, notificationDeliverySummary, type NotificationChannelInputs } from '@gatehouse/action-runtime/notifications';
import { errorMessage, type Finding, type FindingsDocument, type Logger } from '@gatehouse/findings';
import { notificationIssuePort, type GitHubClient, type GitHubContext } from '@gatehouse/github';
import { deliverAll, NOTIFICATION_LIMITS, toNotificationFinding, type NotificationFinding, type NotificationInput, type RetryPolicy } from '@gatehouse/notify';
import { escapeMarkdown } from '@gatehouse/report';
import { buildSecretIncidentReport, rotationAdviceFor, type SecretIncidentReport } from '@gatehouse/scanners';

export const INCIDENT_ON_VALUES = ['push', 'pull_request', 'schedule', 'workflow_dispatch'] as const;
export type IncidentOn = (typeof INCIDENT_ON_VALUES)[number];

export interface IncidentInputs extends NotificationChannelInputs {
  'incident-on': IncidentOn[];
}

/**
 * Which `incident-on` value a run's event is. A merge queue's group is pull requests' commits, so it
 * counts as pull_request; events Gatehouse has no value for never send.
 */
export function incidentEventOf(context: GitHubContext): IncidentOn | undefined {
  switch (context.event.kind) {
    case 'push':
      return 'push';
    case 'pull_request':
    case 'merge_group':
      return 'pull_request';
    case 'workflow_dispatch':
      return 'workflow_dispatch';
    case 'other':
      return context.event.name === 'schedule' ? 'schedule' : undefined;
  }
}

/** Why this run sends no incident, or undefined when it does (there are open secrets and the event is wanted). */
export function incidentSkipReason(document: FindingsDocument, context: GitHubContext, incidentOn: readonly IncidentOn[]): string | undefined {
  if (context.event.kind === 'pull_request' && context.event.isFork) return 'a pull request from a fork has no channel secrets';
  const event = incidentEventOf(context);
  if (!event || !incidentOn.includes(event)) return `incident-on does not include ${event ?? context.eventName}`;
  if (!document.findings.some(isOpenSecret)) return 'no open secret finding';
  return undefined;
}

const isOpenSecret = (finding: Finding) => finding.category === 'secret' && finding.status === 'open';

/** One finding as the notification lists it: where (file:line, commit, author), rule, masked preview and what to rotate. */
function incidentFinding(finding: Finding, report: SecretIncidentReport): NotificationFinding {
  const where = report.file ? `${report.file}${report.line ? `:${report.line}` : ''}` : report.image ? report.image.ref : 'repository';
  const provenance = [report.commit ? `commit ${report.commit}` : '', report.author ? `by ${report.author}` : ''].filter(Boolean).join(' ');
  return {
    ...toNotificationFinding(finding),
    location: `${where}${provenance ? ` (${provenance})` : ''}`.slice(0, 500),
    fix: `Rotate ${report.whatToRotate}, then remove it from the code and history`.slice(0, 300),
  };
}

/**
 * What the message says before its list: how to rotate each kind of secret found (the provider's
 * steps, once per kind), then what applies to every leaked secret. Bounded to the notification's
 * summary size by whole entries, so no step is cut in the middle.
 */
function rotationSummary(reports: readonly SecretIncidentReport[], scannedRange: string | undefined): string {
  const intro = `${reports.length} secret(s) were committed${scannedRange ? ` (scanned: ${scannedRange})` : ''}. Rotate each one first: removing it from the code does not revoke it, and the history keeps it. Each finding below says what to rotate.`;
  const kinds = new Map<string, { how: readonly string[]; reference?: string }>();
  let always: string[] = [];
  for (const report of reports) {
    const advice = rotationAdviceFor(report.rule.id, report.rule.title);
    if (!kinds.has(advice.what)) kinds.set(advice.what, { how: advice.how, ...(advice.reference ? { reference: advice.reference } : {}) });
    always = report.howToRotate.slice(advice.how.length);
  }
  const tail = always.length ? ['', 'For every secret:', ...always.map((step) => `- ${step}`)] : [];
  const budget = NOTIFICATION_LIMITS.summary - [intro, ...tail].join('\n').length - 80;
  const entries: string[] = [];
  let used = 0;
  for (const [what, { how, reference }] of kinds) {
    const entry = `How to rotate ${what}: ${how.join(' ')}${reference ? ` (${reference})` : ''}`;
    if (used + entry.length + 1 > budget) {
      entries.push('How to rotate the other kinds: see the run.');
      break;
    }
    entries.push(entry);
    used += entry.length + 1;
  }
  return [intro, '', ...entries, ...tail].join('\n');
}

/**
 * The one incident notification of a run: every open secret finding with its incident report's
 * facts. It is built from findings, which hold a keyed hash and at most four characters of a secret,
 * so no channel can receive a value; packages/notify escapes the untrusted text for each medium.
 */
export function buildIncidentNotification(document: FindingsDocument, context: GitHubContext, runUrl: string, scannedRange?: string): NotificationInput {
  const secrets = document.findings.filter(isOpenSecret);
  const incident = { serverUrl: context.serverUrl, repository: context.repository.fullName };
  const reports = secrets.map((finding) => ({ finding, report: buildSecretIncidentReport(finding, incident) }));
  const ref = context.ref.replace(/^refs\/heads\//, '');
  return {
    id: `secrets-${context.runId}-${context.runAttempt}`,
    kind: 'incident',
    title: `Gatehouse found ${secrets.length} secret(s) in ${context.repository.fullName} on ${ref}`,
    summary: rotationSummary(reports.map(({ report }) => report), scannedRange),
    actor: { login: context.actor || 'github-actions' },
    target: {
      repository: context.repository.fullName,
      ref: context.ref,
      ...(/^[0-9a-f]{40,64}$/.test(context.sha) ? { sha: context.sha } : {}),
      ...(context.workflow ? { workflow: context.workflow } : {}),
      ...(runUrl.startsWith('https://') ? { runUrl } : {}),
    },
    findings: reports.map(({ finding, report }) => incidentFinding(finding, report)),
    severityCounts: severityCounts(secrets),
  };
}

function severityCounts(findings: readonly Finding[]): NonNullable<NotificationInput['severityCounts']> {
  const counts: NonNullable<NotificationInput['severityCounts']> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

export interface IncidentDelivery {
  /** Markdown for the job summary (a `### Secret incident` section); empty when there is nothing to say. */
  summary: string;
  /** Channel names that did not confirm delivery. */
  undelivered: string[];
}

export interface SendIncidentOptions {
  document: FindingsDocument;
  context: GitHubContext;
  client: GitHubClient;
  runUrl: string;
  scannedRange?: string;
  logger: Logger;
  /** For tests: shorter retries. */
  retry?: RetryPolicy;
}

/**
 * Sends the run's incident to every configured channel (at once, each with bounded retries) and says
 * what happened. Never throws for a channel: a delivery never changes the verdict.
 */
export async function sendSecretIncident(inputs: IncidentInputs, options: SendIncidentOptions): Promise<IncidentDelivery> {
  const { document, context, logger } = options;
  const skip = incidentSkipReason(document, context, inputs['incident-on']);
  if (skip) {
    logger.info(`No secret incident notification: ${skip}.`);
    return { summary: '', undelivered: [] };
  }
  const { channels, problems } = notificationChannelsFromInputs(inputs, inputs['notify-issue'] ? notificationIssuePort(options.client) : undefined);
  for (const problem of problems) logger.warning(problem);
  const notes = [...problems];
  if (channels.length === 0) {
    if (problems.length === 0) notes.push('No incident notification was sent: no channel is configured (slack-webhook-url, webhook-url, smtp-url or notify-issue).');
    return { summary: section(notes, ''), undelivered: [] };
  }
  let report: Awaited<ReturnType<typeof deliverAll>>;
  try {
    const message = buildIncidentNotification(document, context, options.runUrl, options.scannedRange);
    report = await deliverAll(message, channels, { required: [], logger, ...(options.retry ? { retry: options.retry } : {}) });
  } catch (error) {
    // A message that cannot be built is a bug to report, not a reason to change the scan's result.
    const problem = `The secret incident notification was not sent: ${errorMessage(error)}`.slice(0, 400);
    logger.warning(problem);
    return { summary: section([...notes, problem], ''), undelivered: channels.map((c) => c.name) };
  }
  const { note, section: table } = notificationDeliverySummary(report);
  for (const name of report.undelivered) logger.warning(`The secret incident notification did not reach the ${name} channel (see the job summary).`);
  return { summary: section([...notes, note], table), undelivered: [...report.undelivered] };
}

function section(notes: readonly string[], table: string): string {
  // The table escapes remote servers' text itself; notes may quote a channel's configuration error.
  const body = notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n');
  return `\n### Secret incident\n\n${body}\n${table ? `\n${table.replace(/^### Notifications\n\n/, '')}` : ''}`;
}
