import { SEVERITIES } from '@gatehouse/findings';
import type { MarkdownBudget } from '../markdown-budget';
import { severityBadge } from '../severity-style';
import type { SummaryFacts } from '../summary-facts';

const n = (value: number) => value.toLocaleString('en-US');

/** Open, suppressed and new findings per severity, with a total. */
export function addSeverityTable(facts: SummaryFacts, out: MarkdownBudget, heading: string): void {
  const rows = SEVERITIES.map((s) => [severityBadge(s), n(facts.bySeverity[s].open), n(facts.bySeverity[s].suppressed), n(facts.bySeverity[s].new)]);
  const total = SEVERITIES.reduce(
    (sum, s) => ({ open: sum.open + facts.bySeverity[s].open, suppressed: sum.suppressed + facts.bySeverity[s].suppressed, new: sum.new + facts.bySeverity[s].new }),
    { open: 0, suppressed: 0, new: 0 },
  );
  rows.push(['**Total**', `**${n(total.open)}**`, `**${n(total.suppressed)}**`, `**${n(total.new)}**`]);
  out.table(heading, ['Severity', 'Open', 'Suppressed', 'New'], rows, rows.length, rows.length, () => '');
}
