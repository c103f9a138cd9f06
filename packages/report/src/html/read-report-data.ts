import type { Category, Severity } from '@gatehouse/findings';
import { readEmbeddedJson } from './embed-json';
import { FLAG_BLOCKING, FLAG_NEW, FLAG_OVERDUE, FLAG_SUPPRESSED, type EncodedFinding, type ReportData } from './report-data';

/** One finding of a report as its table shows it; for tests and tools that check a report.html. */
export interface ReportRow {
  id: string;
  severity: Severity;
  category: Category;
  title: string;
  /** As the page shows it (cut at HTML_MESSAGE_LIMIT). */
  message: string;
  ruleId: string;
  where: string;
  engines: string[];
  suppressed: boolean;
  isNew: boolean;
  overdue: boolean;
  blocking: boolean;
  /** What the search box matches against (lower case), exactly as the page's script builds it. */
  searchText: string;
}

export interface EmbeddedReport {
  generatedAt: string;
  pageSize: number;
  engines: string[];
  rows: ReportRow[];
}

/** The findings a report.html embeds, in table order. */
export function readReportRows(html: string): EmbeddedReport {
  const data = readEmbeddedJson(html) as ReportData;
  const str = (i: number) => (i >= 0 && i < data.strings.length ? data.strings[i]! : '');
  const rows = data.findings.map((f: EncodedFinding): ReportRow => {
    const engines = f.e.map((i) => data.engines[i] ?? '');
    const parts = [f.k, str(f.t), str(f.m), str(f.r), str(f.w), ...f.L.map(([, value]) => str(value)), ...f.i.map(([label]) => str(label))];
    return {
      id: f.k,
      severity: data.severities[f.s]!,
      category: data.categories[f.c]!,
      title: str(f.t),
      message: str(f.m),
      ruleId: str(f.r),
      where: str(f.w),
      engines,
      suppressed: (f.o & FLAG_SUPPRESSED) !== 0,
      isNew: (f.o & FLAG_NEW) !== 0,
      overdue: (f.o & FLAG_OVERDUE) !== 0,
      blocking: (f.o & FLAG_BLOCKING) !== 0,
      searchText: [...parts, ...engines].join('\n').toLowerCase(),
    };
  });
  return { generatedAt: data.generatedAt, pageSize: data.pageSize, engines: data.engines, rows };
}

/** The search box's rule: every whitespace-separated term must occur (case-insensitive). */
export function rowMatchesQuery(row: ReportRow, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((t) => row.searchText.includes(t));
}
