import type { FindingsDocument } from '@gatehouse/findings';
import type { OmissionReport } from '../sarif/omission-report';
import { markdownText } from '../text/escape-markdown';
import { markdownLink } from '../text/safe-url';
import { MarkdownBudget, utf8Bytes } from './markdown-budget';
import { addBlockingFindings } from './sections/blocking-findings';
import { addDueDates } from './sections/due-dates';
import { addEngines } from './sections/engines';
import { omissionsText } from './sections/omissions';
import { severityChart } from './sections/severity-chart';
import { addSeverityTable } from './sections/severity-table';
import { reasonLines, targetLine, verdictLine } from './sections/verdict';
import { formatDueDate } from './sla-state';
import { summaryFacts } from './summary-facts';

export interface SummaryOptions {
  /** What the SARIF upload left out (from `buildSarif`), to say so. */
  omitted?: OmissionReport;
  /** Rows per table (blocking findings, due dates); default 50. */
  maxRows?: number;
  /** Things the run could not do, e.g. "SARIF not uploaded: the token cannot write security events (fork)". */
  notes?: string[];
  /** Link to the workflow run, for the full details. */
  runUrl?: string;
  /** The time SLA states are computed at; default the document's `generatedAt`. */
  now?: Date;
  /** Size limit in UTF-8 bytes; default 1,000,000 (GitHub allows 1 MiB per step summary). */
  maxBytes?: number;
}

export const SUMMARY_MAX_BYTES = 1_000_000;
const MAX_NOTES = 20;
const MAX_REASONS = 20;

/**
 * summary.md and the job summary: the verdict first, then the severity table, a chart of findings
 * by engine and severity, the blocking findings, due dates, the engines (those that did not run or
 * did not finish first, with reasons), what code scanning did not get, and notes. Every scanner
 * string is escaped; the whole stays under `maxBytes` whatever the input.
 */
export function renderSummary(doc: FindingsDocument, options: SummaryOptions = {}): string {
  const facts = summaryFacts(doc, options.now);
  const maxRows = Math.max(0, Math.floor(options.maxRows ?? 50));
  const out = new MarkdownBudget(
    options.maxBytes ?? SUMMARY_MAX_BYTES,
    utf8Bytes,
    '_This summary was cut to fit GitHub’s size limit; findings.json has every finding._',
  );

  out.block(verdictLine(facts, '##'));
  out.block(targetLine(facts));
  const reasons = reasonLines(facts, MAX_REASONS);
  if (reasons) out.block(reasons);
  addSeverityTable(facts, out, '### Findings by severity');
  const chart = severityChart(facts);
  out.block(chart ? `### Open findings by engine and severity\n\n${chart}` : '### Open findings by engine and severity\n\nNo open findings.');
  addBlockingFindings(facts, out, '### Blocking findings', maxRows, 'findings.json');
  addDueDates(facts, out, '### Due dates', maxRows);
  addEngines(facts, out, '### Engines', { onlyProblems: false, maxRows: 100 });
  const omitted = omissionsText(options.omitted, 25);
  if (omitted) out.block(`### Left out of code scanning\n\n${omitted}`);
  const notes = (options.notes ?? []).filter((n) => n.trim() !== '');
  if (notes.length) {
    const lines = notes.slice(0, MAX_NOTES).map((n) => `- ${markdownText(n, 1_000)}`);
    if (notes.length > MAX_NOTES) lines.push(`- … and ${notes.length - MAX_NOTES} more`);
    out.block(`### Notes\n\n${lines.join('\n')}`);
  }
  out.block(footer(doc, options.runUrl));
  return out.toString();
}

function footer(doc: FindingsDocument, runUrl: string | undefined): string {
  const link = runUrl ? ` · ${markdownLink('workflow run', runUrl)}` : '';
  const at = new Date(doc.generatedAt);
  const when = Number.isNaN(at.getTime()) ? markdownText(doc.generatedAt, 40) : formatDueDate(at);
  return `<sub>Gatehouse ${markdownText(doc.tool.version, 40)} · ${when}${link}</sub>`;
}
