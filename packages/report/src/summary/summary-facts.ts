import { SEVERITIES, severityRank, type Finding, type FindingsDocument, type Severity } from '@gatehouse/findings';
import { cvssScore, primaryEngine } from '../finding-view/finding-order';

export interface SeverityRow {
  open: number;
  suppressed: number;
  new: number;
}

/** Everything the summary and the comment show, counted in one pass over the findings. */
export interface SummaryFacts {
  doc: FindingsDocument;
  now: Date;
  bySeverity: Record<Severity, SeverityRow>;
  /** Open findings per primary engine and severity. */
  byEngine: Map<string, Record<Severity, number>>;
  open: number;
  suppressed: number;
  /** Blocking findings, most severe first, then the soonest due. */
  blocking: Finding[];
  /** Open findings with a due date, soonest first. */
  due: Finding[];
  incompleteEngines: number;
}

export function summaryFacts(doc: FindingsDocument, now?: Date): SummaryFacts {
  const at = now ?? parseDate(doc.generatedAt) ?? new Date();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { open: 0, suppressed: 0, new: 0 }])) as Record<Severity, SeverityRow>;
  const byEngine = new Map<string, Record<Severity, number>>();
  const blockingIds = new Set(doc.decision.blockingIds);
  const blocking: Finding[] = [];
  const due: Finding[] = [];
  let open = 0;
  let suppressed = 0;
  for (const finding of doc.findings) {
    const row = bySeverity[finding.severity] ?? bySeverity.unknown;
    if (finding.status !== 'open') {
      row.suppressed += 1;
      suppressed += 1;
      continue;
    }
    open += 1;
    row.open += 1;
    if (finding.isNew) row.new += 1;
    const engine = primaryEngine(finding);
    let counts = byEngine.get(engine);
    if (!counts) {
      counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      byEngine.set(engine, counts);
    }
    counts[finding.severity in counts ? finding.severity : 'unknown'] += 1;
    if (blockingIds.has(finding.id)) blocking.push(finding);
    if (finding.slaDueAt) due.push(finding);
  }
  const incompleteEngines = doc.engines.filter((e) => e.status === 'incomplete').length;
  return { doc, now: at, bySeverity, byEngine, open, suppressed, blocking: sortKeyed(blocking, 'severity-then-due'), due: sortKeyed(due, 'due-then-severity'), incompleteEngines };
}

/**
 * Sorts with each finding's keys computed once (due dates parsed once, not per comparison):
 * 100k findings sort in tens of milliseconds instead of a second.
 */
function sortKeyed(findings: Finding[], order: 'severity-then-due' | 'due-then-severity'): Finding[] {
  const keyed = findings.map((finding) => ({ finding, rank: severityRank(finding.severity), score: cvssScore(finding), due: dueTimeOf(finding), id: finding.id }));
  type Keyed = (typeof keyed)[number];
  const byDue = (a: Keyed, b: Keyed) => (a.due === b.due ? 0 : a.due < b.due ? -1 : 1);
  const bySeverity = (a: Keyed, b: Keyed) => b.rank - a.rank || b.score - a.score;
  const byId = (a: Keyed, b: Keyed) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  keyed.sort(order === 'severity-then-due' ? (a, b) => b.rank - a.rank || byDue(a, b) || bySeverity(a, b) || byId(a, b) : (a, b) => byDue(a, b) || bySeverity(a, b) || byId(a, b));
  return keyed.map((k) => k.finding);
}

function dueTimeOf(finding: Finding): number {
  const time = finding.slaDueAt ? Date.parse(finding.slaDueAt) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

function parseDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
