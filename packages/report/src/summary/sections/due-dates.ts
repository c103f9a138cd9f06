import type { Finding } from '@gatehouse/findings';
import type { MarkdownBudget } from '../markdown-budget';
import { severityBadge } from '../severity-style';
import { slaState } from '../sla-state';
import type { SummaryFacts } from '../summary-facts';
import { dueCell, locationCell, ruleCell } from './finding-cells';
import { plural } from '../plural';

function* rows(findings: readonly Finding[], now: Date): Generator<string[]> {
  for (const f of findings) yield [dueCell(f, now), severityBadge(f.severity), ruleCell(f), locationCell(f)];
}

/** SLA due dates of open findings: how many are overdue or due this week, then the soonest. */
export function addDueDates(facts: SummaryFacts, out: MarkdownBudget, heading: string, maxRows: number): void {
  if (facts.due.length === 0) return;
  let overdue = 0;
  let soon = 0;
  for (const f of facts.due) {
    const state = slaState(f.slaDueAt, facts.now);
    if (state?.overdue) overdue += 1;
    else if (state?.dueSoon) soon += 1;
  }
  const later = facts.due.length - overdue - soon;
  const line = `🚨 ${plural(overdue, 'finding')} overdue · ⏳ ${soon.toLocaleString('en-US')} due within 7 days · ${later.toLocaleString('en-US')} later`;
  out.table(`${heading}\n\n${line}`, ['Due', 'Severity', 'Rule', 'Location'], rows(facts.due, facts.now), facts.due.length, maxRows, (left) =>
    `… and ${plural(left, 'more finding')} with a due date in findings.json.`,
  );
}
