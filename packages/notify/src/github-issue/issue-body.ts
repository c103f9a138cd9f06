import { KIND_LABELS, SUMMARY_LABELS } from '../kind-labels';
import type { Notification, NotificationKind } from '../notification';
import type { NotificationFinding } from '../notification-finding';
import { contextRows } from '../plain-text-message';
import { escapeGitHubMarkdown, gitHubLink } from '../text/github-markdown';
import { neutralizeMentions } from '../text/mentions';
import { cleanLine, cleanMultiline, fitText } from '../text/plain-text';

/** GitHub's limits: issue titles 256 characters, bodies 65,536. The body budget leaves room for edits. */
export const GITHUB_ISSUE_LIMITS = { title: 256, body: 65_536, bodyBudget: 60_000, label: 50 } as const;

export const ISSUE_LABELS: Record<NotificationKind, string> = {
  override: 'security-override',
  incident: 'security-incident',
  'blocked-deploy': 'security-blocked-deploy',
  'sla-breach': 'security-sla-breach',
};

/** The hidden line a port searches for to update rather than duplicate. Keys are `[A-Za-z0-9._:-]`. */
export function issueMarker(dedupeKey: string): string {
  return `<!-- gatehouse:notification:${dedupeKey.replace(/[^A-Za-z0-9._:-]/g, '_')} -->`;
}

export function issueDedupeKey(n: Notification): string {
  return `${n.kind}:${n.id}`;
}

/** Titles are plain text on GitHub; they still lose control characters and @-mentions. */
export function renderIssueTitle(n: Notification): string {
  return fitText(neutralizeMentions(cleanLine(`${KIND_LABELS[n.kind]}: ${n.title} (${n.target.repository})`)), GITHUB_ISSUE_LIMITS.title);
}

function cell(value: string, max: number): string {
  return escapeGitHubMarkdown(value, max) || ' ';
}

function contextTable(n: Notification): string[] {
  const lines = ['| | |', '|---|---|'];
  for (const [label, value] of contextRows(n)) {
    let shown = cell(value, 2_100);
    if (label === 'Run') shown = gitHubLink(n.target.runUrl, 'View the run') ?? shown;
    if (label === 'Ticket' && n.ticket) shown = gitHubLink(n.ticket.url, n.ticket.id) ?? cell(n.ticket.id, 200);
    lines.push(`| **${label}** | ${shown} |`);
  }
  return lines;
}

function findingRow(f: NotificationFinding): string {
  const title = f.secretPreview ? `${cell(f.title, 300)} (secret ${cell(f.secretPreview, 8)}, masked)` : cell(f.title, 300);
  const fix = [f.fix ? cell(f.fix, 300) : '', f.dueAt ? `due ${cell(f.dueAt, 40)}` : ''].filter(Boolean).join('; ') || ' ';
  return `| ${f.severity.toUpperCase()} | ${cell(f.ruleId, 200)} | ${title} | ${cell(f.location, 500)} | ${fix} |`;
}

/**
 * The issue body (also fit for a job summary): GitHub Markdown where every untrusted string is
 * escaped (no HTML, no links but ours, no @-mentions or #-references, no table breaks), findings
 * most severe first until the size budget, then a line saying how many were left out. Starts with
 * the hidden dedupe marker when a key is given.
 */
export function renderIssueBody(n: Notification, options: { dedupeKey?: string } = {}): string {
  const head: string[] = [];
  if (options.dedupeKey) head.push(issueMarker(options.dedupeKey));
  head.push(`### ${escapeGitHubMarkdown(`${KIND_LABELS[n.kind]}: ${n.title}`, 600)}`, '');
  if (n.summary) {
    head.push(`**${SUMMARY_LABELS[n.kind]}**`, '');
    for (const line of cleanMultiline(n.summary).split('\n')) head.push(line.trim() ? `> ${escapeGitHubMarkdown(line, 2_000)}` : '>');
    head.push('');
  }
  head.push(...contextTable(n), '');
  const footer = ['', `_Notification ${escapeGitHubMarkdown(n.id, 200)}, ${escapeGitHubMarkdown(n.occurredAt, 60)}. Sent by Gatehouse._`, ''];

  const rows: string[] = [];
  let size = [...head, ...footer].join('\n').length + 400;
  for (const finding of n.findings) {
    const row = findingRow(finding);
    if (size + row.length + 1 > GITHUB_ISSUE_LIMITS.bodyBudget) break;
    rows.push(row);
    size += row.length + 1;
  }
  const notListed = n.findings.length - rows.length + n.findingsOmitted;
  const findings: string[] = [];
  if (rows.length > 0 || notListed > 0) {
    findings.push(`#### Findings (${rows.length} listed${notListed ? `, ${notListed} more not listed: see the run summary` : ''})`, '');
    if (rows.length > 0) findings.push('| Severity | Rule | Title | Location | Fix |', '|---|---|---|---|---|', ...rows);
  }
  return [...head, ...findings, ...footer].join('\n');
}
