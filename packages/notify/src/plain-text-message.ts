import { KIND_LABELS, SUMMARY_LABELS } from './kind-labels';
import type { Notification } from './notification';
import { cleanLine, cleanMultiline, fitText } from './text/plain-text';

const one = (text: string, max: number) => fitText(cleanLine(text), max);

/** Label/value rows every medium shows, in the same order. */
export function contextRows(n: Notification): [string, string][] {
  const rows: [string, string][] = [
    ['Who', n.actor.login],
    ['Repository', n.target.repository],
  ];
  if (n.target.environment) rows.push(['Environment', n.target.environment]);
  if (n.target.ref) rows.push(['Ref', n.target.ref]);
  if (n.target.sha) rows.push(['Commit', n.target.sha]);
  if (n.target.workflow) rows.push(['Workflow', n.target.workflow]);
  if (n.expiresAt) rows.push(['Expires', n.expiresAt]);
  if (n.ticket) rows.push(['Ticket', n.ticket.url ? `${n.ticket.id} (${n.ticket.url})` : n.ticket.id]);
  if (n.target.runUrl) rows.push(['Run', n.target.runUrl]);
  return rows;
}

/**
 * The notification as plain text: the e-mail text part, and what a caller can put in a log or an
 * artifact when no channel took it. Control characters are gone; nothing is interpreted.
 */
export function renderPlainText(n: Notification): string {
  const lines = [`${KIND_LABELS[n.kind]}: ${one(n.title, 200)}`, ''];
  if (n.summary) lines.push(`${SUMMARY_LABELS[n.kind]}:`, cleanMultiline(n.summary), '');
  const rows = contextRows(n);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  for (const [label, value] of rows) lines.push(`${`${label}:`.padEnd(width)}${one(value, 2_100)}`);
  lines.push('');
  if (n.findings.length > 0 || n.findingsOmitted > 0) {
    lines.push(`Findings (${n.findings.length} listed${n.findingsOmitted ? `, ${n.findingsOmitted} more not listed` : ''}):`);
    for (const f of n.findings) {
      lines.push(`- [${f.severity.toUpperCase()}] ${one(f.ruleId, 200)}: ${one(f.title, 300)}`, `  at ${one(f.location, 500)}`);
      if (f.fix) lines.push(`  fix: ${one(f.fix, 300)}`);
      if (f.secretPreview) lines.push(`  secret: ${one(f.secretPreview, 8)} (masked)`);
      if (f.dueAt) lines.push(`  due: ${f.dueAt}`);
    }
    lines.push('');
  }
  lines.push(`Notification ${n.id}, ${n.occurredAt}. Sent by Gatehouse.`);
  return `${lines.join('\n')}\n`;
}
