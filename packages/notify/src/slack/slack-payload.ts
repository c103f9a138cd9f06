import type { Severity } from '@gatehouse/findings';
import { KIND_LABELS, SUMMARY_LABELS } from '../kind-labels';
import type { Notification } from '../notification';
import type { NotificationFinding } from '../notification-finding';
import { escapeSlack, slackLink } from '../text/slack-mrkdwn';
import { SLACK_LIMITS } from './slack-limits';

interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: Mrkdwn; fields?: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' };

export interface SlackPayload {
  /** Honoured by legacy webhooks only; app webhooks post where they were installed. */
  channel?: string;
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackPayloadOptions {
  /** e.g. `#ops-alerts`. */
  channel?: string;
}

const SEVERITY_WORDS: Record<Severity, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFO',
  unknown: 'UNKNOWN',
};

// verbatim: no auto-linking of channel names or URLs and no mention parsing of what we did not write.
const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text, verbatim: true });

function field(label: string, value: string): Mrkdwn {
  return mrkdwn(`*${label}*\n${value}`);
}

/** A link that fits in a section field; a URL too long for one is left out rather than cut. */
function linkWithin(url: string | undefined, label: string): string | undefined {
  const link = slackLink(url, label);
  return link && link.length <= SLACK_LIMITS.fieldText - 40 ? link : undefined;
}

function contextFields(n: Notification): Mrkdwn[] {
  const fields: Mrkdwn[] = [field('Who', escapeSlack(n.actor.login, 200)), field('Repository', escapeSlack(n.target.repository, 400))];
  if (n.target.environment) fields.push(field('Environment', escapeSlack(n.target.environment, 200)));
  if (n.target.ref) fields.push(field('Ref', escapeSlack(n.target.ref, 600)));
  if (n.target.sha) fields.push(field('Commit', n.target.sha.slice(0, 12)));
  if (n.target.workflow) fields.push(field('Workflow', escapeSlack(n.target.workflow, 400)));
  if (n.expiresAt) fields.push(field('Expires', n.expiresAt));
  if (n.ticket) fields.push(field('Ticket', linkWithin(n.ticket.url, n.ticket.id) ?? escapeSlack(n.ticket.id, 200)));
  const run = linkWithin(n.target.runUrl, 'View the run');
  if (run) fields.push(field('Run', run));
  return fields.slice(0, SLACK_LIMITS.fieldsPerSection);
}

function findingText(finding: NotificationFinding): string {
  const lines = [
    `*${SEVERITY_WORDS[finding.severity]}* ${escapeSlack(finding.ruleId, 300)}`,
    escapeSlack(finding.title, 600),
    `Location: ${escapeSlack(finding.location, 900)}`,
  ];
  if (finding.fix) lines.push(`Fix: ${escapeSlack(finding.fix, 600)}`);
  if (finding.secretPreview) lines.push(`Secret: ${escapeSlack(finding.secretPreview, 40)} (masked)`);
  if (finding.dueAt) lines.push(`Due: ${finding.dueAt}`);
  // Each part is bounded above, so the section stays far below SLACK_LIMITS.sectionText.
  return lines.join('\n');
}

function countsLine(n: Notification): string | undefined {
  if (!n.severityCounts) return undefined;
  const parts = (Object.keys(SEVERITY_WORDS) as Severity[])
    .filter((s) => (n.severityCounts?.[s] ?? 0) > 0)
    .map((s) => `${SEVERITY_WORDS[s]} ${n.severityCounts![s]}`);
  return parts.length ? parts.join(' · ') : undefined;
}

function blockTextLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, f) => sum + f.text.length, 0);
    case 'context':
      return block.elements.reduce((sum, e) => sum + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

/**
 * The Block Kit message for a notification, always within Slack's limits (see SLACK_LIMITS): every
 * string escaped for mrkdwn (no mentions, no links but ours), findings most severe first until the
 * block or character budget is reached, and a line saying how many were left out.
 */
export function renderSlackPayload(n: Notification, options: SlackPayloadOptions = {}): SlackPayload {
  const label = KIND_LABELS[n.kind];
  const head: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: escapeSlack(`${label}: ${n.title}`, SLACK_LIMITS.headerText), emoji: false } }];
  if (n.summary) head.push({ type: 'section', text: mrkdwn(`*${SUMMARY_LABELS[n.kind]}*\n${escapeSlack(n.summary, SLACK_LIMITS.sectionText - 40, { multiline: true })}`) });
  head.push({ type: 'section', fields: contextFields(n) });
  const counts = countsLine(n);
  if (counts) head.push({ type: 'context', elements: [mrkdwn(`Findings: ${counts}`)] });

  const footer: SlackBlock = { type: 'context', elements: [mrkdwn(`Gatehouse · ${n.kind} · ${n.occurredAt} · ${escapeSlack(n.id, 130)}`)] };
  const blocks: SlackBlock[] = [...head];
  let budget = SLACK_LIMITS.totalBlockText - blocks.reduce((sum, b) => sum + blockTextLength(b), 0) - blockTextLength(footer) - 200;
  let shown = 0;
  if (n.findings.length > 0) blocks.push({ type: 'divider' });
  // Two blocks stay free: the "more findings" line and the footer.
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - 2;
  for (const finding of n.findings.slice(0, SLACK_LIMITS.findingsShown)) {
    const block: SlackBlock = { type: 'section', text: mrkdwn(findingText(finding)) };
    const size = blockTextLength(block);
    if (blocks.length >= maxBlocks || size > budget) break;
    blocks.push(block);
    budget -= size;
    shown += 1;
  }
  const notShown = n.findings.length - shown + n.findingsOmitted;
  if (notShown > 0) blocks.push({ type: 'context', elements: [mrkdwn(`${notShown} more finding(s) not shown here: see the run summary.`)] });
  blocks.push(footer);

  const where = n.target.environment ? `${n.target.repository} (${n.target.environment})` : n.target.repository;
  const text = escapeSlack(`${label}: ${n.title} in ${where} by ${n.actor.login}`, SLACK_LIMITS.fallbackText);
  return {
    ...(options.channel ? { channel: options.channel } : {}),
    text,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}
