import { createHash } from 'node:crypto';
import type { GatePublisher } from '@gatehouse/action-runtime';
import { severityRank, type Finding, type FindingsDocument } from '@gatehouse/findings';
import { closeListedIssue, commentOnIssue, isDefaultBranchRun, listIssuesByLabel, writeListedIssue, type GatehouseIssue } from '@gatehouse/github';
import { escapeGitHubMarkdown, toNotificationFinding } from '@gatehouse/notify';
import type { RemediationIssuesPolicy } from '@gatehouse/policy';

/** The label every remediation issue carries first: how the next run finds them again. */
export const REMEDIATION_LABEL = 'gatehouse-remediation';
/** Issues written per run at most (GitHub's secondary rate limits on content creation). */
export const MAX_ISSUES_PER_RUN = 50;
const KEY_PREFIX = 'remediation/';
const ROWS_PER_ISSUE = 50;

/** Findings that one issue tracks: one rule (or vulnerability) in one place (file, package, image). */
export interface RemediationGroup {
  key: string;
  severity: Finding['severity'];
  ruleId: string;
  title: string;
  where: string;
  findings: Finding[];
  /** The earliest SLA due date of the group (ISO), if the policy gives one. */
  dueAt: string | undefined;
}

function placeOf(finding: Finding): string {
  const { location } = finding;
  switch (location.kind) {
    case 'code':
      return location.path;
    case 'package':
      // Every version of the package in this manifest: upgrading fixes them together.
      return `${location.purl.replace(/@[^@/]*$/, '')}${location.manifest ? ` (${location.manifest})` : ''}`;
    case 'image':
      return location.ref;
    case 'repository':
      return 'repository';
  }
}

/** Blocking open findings at the policy's severities, grouped by rule and place, most severe first. */
export function remediationGroups(document: FindingsDocument, severities: readonly string[]): RemediationGroup[] {
  const blocking = new Set(document.decision.blockingIds);
  const groups = new Map<string, RemediationGroup>();
  for (const finding of document.findings) {
    if (!blocking.has(finding.id) || finding.status !== 'open' || !severities.includes(finding.severity)) continue;
    const where = placeOf(finding);
    const key = `${KEY_PREFIX}${createHash('sha256').update(`${finding.category}\0${finding.ruleId}\0${where}`).digest('hex').slice(0, 32)}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, severity: finding.severity, ruleId: finding.ruleId, title: finding.title, where, findings: [], dueAt: undefined };
      groups.set(key, group);
    }
    group.findings.push(finding);
    if (severityRank(finding.severity) > severityRank(group.severity)) group.severity = finding.severity;
    if (finding.slaDueAt && (!group.dueAt || finding.slaDueAt < group.dueAt)) group.dueAt = finding.slaDueAt;
  }
  return [...groups.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.key.localeCompare(b.key));
}

const SEVERITY_WORD: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info', unknown: 'Unknown severity' };

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'none';
}

/**
 * The issue's title and body. Only fields the finding schema keeps free of secrets are used (rule,
 * title, location, fix, the masked preview: `toNotificationFinding`), every one escaped. Nothing
 * run-specific is in the body, so an unchanged group leaves the issue untouched.
 */
export function renderRemediationIssue(group: RemediationGroup, branch: string, now: Date): { title: string; body: string } {
  const overdue = group.dueAt !== undefined && Date.parse(group.dueAt) < now.getTime();
  const title = `[Gatehouse] ${SEVERITY_WORD[group.severity]}: ${group.title.replace(/\s+/g, ' ').slice(0, 120)} in ${group.where.slice(0, 100)}`;
  const rows = group.findings.slice(0, ROWS_PER_ISSUE).map((finding) => {
    const n = toNotificationFinding(finding);
    const cells = [SEVERITY_WORD[n.severity]!, escapeGitHubMarkdown(n.location, 300), escapeGitHubMarkdown(n.title, 200), day(finding.firstSeen), day(finding.slaDueAt), escapeGitHubMarkdown(n.fix ?? '', 200) || ' '];
    if (n.secretPreview) cells[2] = `${cells[2]} (secret ${escapeGitHubMarkdown(n.secretPreview, 8)})`;
    return `| ${cells.join(' | ')} |`;
  });
  const lines = [
    `${group.findings.length} blocking finding(s) of rule \`${escapeGitHubMarkdown(group.ruleId, 200).replace(/`/g, "'")}\` on \`${escapeGitHubMarkdown(branch, 100).replace(/`/g, "'")}\`.`,
    '',
    `**Due:** ${day(group.dueAt)}${overdue ? ' — **overdue**' : ''}`,
    '',
    '| Severity | Where | Finding | First seen | Due | Fix |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(group.findings.length > ROWS_PER_ISSUE ? ['', `…and ${group.findings.length - ROWS_PER_ISSUE} more (see the run's findings artifact).`] : []),
    '',
    'Gatehouse updates this issue on every default-branch run, labels it when the SLA is missed, and closes it once the findings are gone.',
  ];
  return { title, body: lines.join('\n') };
}

interface SyncCounts {
  written: number;
  escalated: number;
  closed: number;
  notes: string[];
}

/**
 * Remediation issues (policy `remediationIssues`): on default-branch runs, one issue per group of
 * blocking findings at the policy's severities, with its due date and labels; updated in place
 * (found by its hidden marker among the token's own issues labelled `gatehouse-remediation`);
 * labelled and commented on once when it becomes overdue; closed when its findings are gone, but
 * never after an incomplete run (an engine that did not run found nothing, which proves nothing).
 */
export function remediationIssues(): GatePublisher {
  return {
    name: 'remediation issues',
    async publish(setup, document) {
      const settings: RemediationIssuesPolicy = setup.policy.loaded.policy.remediationIssues;
      if (!settings.enabled || !isDefaultBranchRun(setup.context)) return {};
      const { client, now } = setup;
      const branch = setup.context.repository.defaultBranch ?? setup.context.ref.replace(/^refs\/heads\//, '');
      const groups = remediationGroups(document, settings.severities);
      const ours = new Map<string, GatehouseIssue>();
      for (const issue of await listIssuesByLabel(client, REMEDIATION_LABEL)) {
        if (issue.key?.startsWith(KEY_PREFIX) && !ours.has(issue.key)) ours.set(issue.key, issue);
      }
      const counts: SyncCounts = { written: 0, escalated: 0, closed: 0, notes: [] };
      const overdueLabels = settings.overdueLabels;

      for (const group of groups.slice(0, MAX_ISSUES_PER_RUN)) {
        const existing = ours.get(group.key);
        const overdue = group.dueAt !== undefined && Date.parse(group.dueAt) < now.getTime();
        const { title, body } = renderRemediationIssue(group, branch, now);
        const labels = [REMEDIATION_LABEL, ...settings.labels, ...(overdue ? overdueLabels : [])];
        const outcome = await writeListedIssue(client, { key: group.key, title, body, labels, assignees: settings.assignees }, existing);
        if (outcome.status === 'skipped' || outcome.status === 'failed') {
          counts.notes.push(`Remediation issues were not all written: ${outcome.message.slice(0, 300)}.`);
          if (outcome.status === 'skipped') break;
          continue;
        }
        counts.written += 1;
        const alreadyEscalated = existing !== undefined && overdueLabels.length > 0 && overdueLabels.every((l) => existing.labels.some((have) => have.toLowerCase() === l.toLowerCase()));
        if (overdue && !alreadyEscalated) {
          const comment = await commentOnIssue(client, outcome.number, {
            body: `**Overdue:** the remediation SLA of these findings ended on ${day(group.dueAt)}. Found again by ${setup.runUrl}.`,
            marker: '<!-- gatehouse:escalation -->',
          });
          if (comment.status === 'commented') counts.escalated += 1;
        }
      }
      if (groups.length > MAX_ISSUES_PER_RUN) counts.notes.push(`Remediation issues: ${groups.length - MAX_ISSUES_PER_RUN} more group(s) are left for the next runs (at most ${MAX_ISSUES_PER_RUN} per run).`);

      if (settings.closeWhenFixed && document.decision.verdict !== 'incomplete') {
        const current = new Set(groups.map((g) => g.key));
        for (const [key, issue] of ours) {
          if (issue.state !== 'open' || current.has(key)) continue;
          const outcome = await closeListedIssue(client, issue, { comment: `No longer found (fixed, or no longer blocking) by ${setup.runUrl}: closing.` });
          if (outcome.status === 'closed') counts.closed += 1;
          else if (outcome.status === 'skipped' || outcome.status === 'failed') counts.notes.push(`A remediation issue was not closed: ${outcome.message.slice(0, 300)}.`);
        }
      } else if (settings.closeWhenFixed) {
        counts.notes.push('Remediation issues were not closed: the run is incomplete, so a missing finding proves nothing.');
      }
      return { notes: [`Remediation issues: ${counts.written} written, ${counts.escalated} escalated as overdue, ${counts.closed} closed.`, ...counts.notes] };
    },
  };
}
