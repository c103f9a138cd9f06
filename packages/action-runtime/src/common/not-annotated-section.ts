import type { Finding } from '@gatehouse/findings';
import { markdownText } from '@gatehouse/report';

/** Rows listed; the rest are counted and left to findings.json. */
const MAX_ROWS = 100;

function where(finding: Finding): string {
  const location = finding.location;
  switch (location.kind) {
    case 'code':
      return `${location.path}${location.startLine ? `:${location.startLine}` : ''}`;
    case 'package':
      return `${location.name}@${location.version}${location.manifest ? ` (${location.manifest})` : ''}`;
    case 'image':
      return location.ref;
    default:
      return 'repository';
  }
}

/**
 * The findings GitHub would not show as annotations (10 per level per step), as a Markdown table.
 * Every string a scanner wrote is cut and escaped.
 */
export function notAnnotatedSection(findings: readonly Finding[], blockingIds: ReadonlySet<string>): string {
  if (findings.length === 0) return '';
  const rows = findings.slice(0, MAX_ROWS).map((finding) => {
    const action = blockingIds.has(finding.id) ? 'blocks' : 'warns';
    return `| ${finding.severity} | ${action} | ${markdownText(finding.title, 200)} | ${markdownText(where(finding), 300)} |`;
  });
  const more = findings.length > MAX_ROWS ? `\n\n… and ${findings.length - MAX_ROWS} more in findings.json.` : '';
  return [
    '### Findings without an annotation',
    '',
    `GitHub shows 10 annotations of each level per step; these ${findings.length} are listed here instead.`,
    '',
    '| severity | effect | title | where |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n') + more;
}
