import type { Finding } from '@gatehouse/findings';
import type { MarkdownBudget } from '../markdown-budget';
import { severityBadge } from '../severity-style';
import type { SummaryFacts } from '../summary-facts';
import { dueCell, fixCell, locationCell, ruleCell } from './finding-cells';
import { plural } from '../plural';

function* rows(findings: readonly Finding[], now: Date): Generator<string[]> {
  for (const f of findings) yield [severityBadge(f.severity), ruleCell(f), locationCell(f), fixCell(f), dueCell(f, now)];
}

/** The findings that block, most severe first: what to fix, where, to which version, by when. */
export function addBlockingFindings(facts: SummaryFacts, out: MarkdownBudget, heading: string, maxRows: number, moreWhere: string): void {
  if (facts.blocking.length === 0) return;
  out.table(
    `${heading} (${facts.blocking.length.toLocaleString('en-US')})`,
    ['Severity', 'Rule', 'Location', 'Fix', 'Due'],
    rows(facts.blocking, facts.now),
    facts.blocking.length,
    maxRows,
    (left) => `… and ${plural(left, 'more blocking finding')} in ${moreWhere}.`,
  );
}
