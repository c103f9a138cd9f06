import type { EngineRun } from '@gatehouse/findings';
import { markdownText } from '../../text/escape-markdown';
import type { MarkdownBudget } from '../markdown-budget';
import type { SummaryFacts } from '../summary-facts';
import { plural } from '../plural';

const STATUS: Record<EngineRun['status'], string> = { ran: '✅ ran', incomplete: '❗ incomplete', 'not-run': '➖ not run' };
const ORDER: Record<EngineRun['status'], number> = { incomplete: 0, 'not-run': 1, ran: 2 };

function* rows(engines: readonly EngineRun[]): Generator<string[]> {
  for (const e of engines) {
    const version = e.version ? ` ${markdownText(e.version, 40)}` : '';
    const findings = e.findings === undefined ? '—' : e.findings.toLocaleString('en-US');
    yield [`${markdownText(e.id, 60)}${version}`, STATUS[e.status] ?? markdownText(String(e.status), 20), findings, e.reason ? markdownText(e.reason, 300) : '—'];
  }
}

/** Every engine with its status; those that did not run or did not finish first, with why. */
export function addEngines(facts: SummaryFacts, out: MarkdownBudget, heading: string, options: { onlyProblems: boolean; maxRows: number }): void {
  const engines = [...facts.doc.engines]
    .filter((e) => !options.onlyProblems || e.status !== 'ran')
    .sort((a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || (a.id < b.id ? -1 : 1));
  if (engines.length === 0) return;
  out.table(heading, ['Engine', 'Status', 'Findings', 'Reason'], rows(engines), engines.length, options.maxRows, (left) => `… and ${plural(left, 'more engine')}.`);
}
