import type { Finding } from '@gatehouse/findings';
import { suggestFixVersion } from '../../finding-view/fix-version';
import { displayRuleId } from '../../finding-view/rule-id';
import { installedVersion, locationLabel } from '../../finding-view/location-label';
import { markdownText } from '../../text/escape-markdown';
import { formatDueDate, slaState } from '../sla-state';

/** Table cells for one finding. Every scanner string is cut, then escaped; an empty cell shows `—`. */

export function ruleCell(finding: Finding): string {
  const rule = markdownText(displayRuleId(finding), 80);
  const title = finding.title.trim() ? markdownText(finding.title, 120) : '';
  return title ? `${rule}<br>${title}` : rule;
}

export function locationCell(finding: Finding): string {
  const where = markdownText(locationLabel(finding), 160);
  // A secret shows its masked preview (at most four characters), never more.
  const preview = finding.category === 'secret' && finding.secret?.preview ? ` (${markdownText(finding.secret.preview.slice(0, 8), 8)})` : '';
  return `${where}${preview}` || '—';
}

export function fixCell(finding: Finding): string {
  const suggested = suggestFixVersion(finding.fix.versions, installedVersion(finding));
  if (suggested) {
    const others = finding.fix.versions.length > 1 ? ` (of ${finding.fix.versions.length})` : '';
    return `upgrade to ${markdownText(suggested, 60)}${others}`;
  }
  if (finding.fix.advice) return markdownText(finding.fix.advice, 100);
  switch (finding.fix.state) {
    case 'not_fixed':
      return 'no fix yet';
    case 'wont_fix':
      return "won't be fixed";
    default:
      return '—';
  }
}

export function dueCell(finding: Finding, now: Date): string {
  const state = slaState(finding.slaDueAt, now);
  if (!state) return '—';
  return `${formatDueDate(state.dueAt)}<br>${state.overdue ? '🚨 ' : ''}${state.label}`;
}
