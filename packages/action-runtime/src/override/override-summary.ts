import { escapeGitHubMarkdown, renderDeliveryReportMarkdown, renderIssueBody } from '@gatehouse/notify';
import type { OverrideAuditRecord } from './override-audit-record';
import { OUTCOME_HEADLINES } from './override-outcome';
import type { Notification } from '@gatehouse/notify';

const line = (text: string, max = 1_000) => escapeGitHubMarkdown(text, max);

function decisionSection(record: OverrideAuditRecord): string[] {
  const { decision } = record;
  if ('unreadable' in decision) return ['### The decision', '', `The decision (${line(decision.source)}) could not be read: ${line(decision.unreadable)}`];
  const lines = [
    '### The decision',
    '',
    `Verdict **${decision.verdict}** from ${line(decision.source)}, decided again with ${line(record.policy.description)} in deploy mode: ${decision.counts.blocking} blocking, ${decision.counts.warning} warning, ${decision.counts.open} open finding(s).`,
  ];
  const reasons = decision.reasons.filter((r) => r.kind === 'block' || r.kind === 'incomplete').slice(0, 10);
  if (reasons.length) lines.push('', ...reasons.map((r) => `- ${r.kind}: ${line(r.message, 500)}`));
  return lines;
}

function deliverySection(record: OverrideAuditRecord): string[] {
  const lines = ['### Who was told', ''];
  if (record.delivery) lines.push(renderDeliveryReportMarkdown(record.delivery).trimEnd());
  else lines.push('Nothing was sent.');
  if (record.unavailableChannels.length) {
    lines.push('', 'Channels the policy names that could not be set up (they count as not delivered):', '');
    for (const c of record.unavailableChannels) lines.push(`- ${line(c.name, 80)} (${c.kind}${c.required ? ', required' : ''}): ${line(c.reason, 400)}`);
  }
  return lines;
}

/**
 * The job summary of an override: the outcome first, then why (refusals), the decision, the
 * override itself as the audit issue shows it, and the delivery report. Every untrusted string (the
 * reason, the ticket, branch names, finding titles, remote error texts) is escaped for GitHub Markdown.
 */
export function renderOverrideSummary(record: OverrideAuditRecord, notification: Notification, artifactNote: string | undefined): string {
  const lines = ['<!-- gatehouse:override-notify -->', `## ${record.proceed ? '✅' : '⛔'} Gatehouse override-notify`, '', `**${OUTCOME_HEADLINES[record.outcome]}**`, ''];
  if (record.refusals.length) lines.push('Refused because:', '', ...record.refusals.map((r) => `- ${line(r, 500)}`), '');
  lines.push(...decisionSection(record), '');
  if (record.outcome !== 'not-needed' && record.outcome !== 'blocked') {
    lines.push('### The override', '', renderIssueBody(notification).trimEnd(), '');
    if (record.mustConfirm.length) lines.push(`Required to confirm delivery: ${record.mustConfirm.map((n) => line(n, 80)).join(', ')}.`, '');
    lines.push(...deliverySection(record), '');
  }
  if (artifactNote) lines.push(line(artifactNote, 600), '');
  return `${lines.join('\n')}\n`;
}
