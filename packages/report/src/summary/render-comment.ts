import type { FindingsDocument } from '@gatehouse/findings';
import type { OmissionReport } from '../sarif/omission-report';
import { markdownText } from '../text/escape-markdown';
import { markdownLink } from '../text/safe-url';
import { MarkdownBudget, utf16Units } from './markdown-budget';
import { addBlockingFindings } from './sections/blocking-findings';
import { addEngines } from './sections/engines';
import { omissionsText } from './sections/omissions';
import { addSeverityTable } from './sections/severity-table';
import { reasonLines, targetLine, verdictLine } from './sections/verdict';
import { summaryFacts } from './summary-facts';

/**
 * The hidden first line of the sticky PR comment: the GitHub layer finds its own comment by it and
 * updates it in place. Scanner text can never forge it, since escaping turns every `<` into `&lt;`.
 */
export const COMMENT_MARKER = '<!-- gatehouse:comment -->';

/** GitHub refuses comment bodies over 65,536 characters; a little is kept back for the GitHub layer. */
export const COMMENT_MAX_CHARS = 65_000;

export interface CommentOptions {
  omitted?: OmissionReport;
  /** Blocking findings listed; default 10. */
  maxRows?: number;
  notes?: string[];
  /** Link to the run's full job summary. */
  runUrl?: string;
  now?: Date;
  /** Size limit in characters (UTF-16 code units, as GitHub counts); default 65,000. */
  maxChars?: number;
}

/**
 * The sticky PR comment: the short form of the summary. The verdict, the severity table, the top
 * blocking findings, engines that did not run or did not finish, and a link to the full summary,
 * within GitHub's comment size whatever the input.
 */
export function renderComment(doc: FindingsDocument, options: CommentOptions = {}): string {
  const facts = summaryFacts(doc, options.now);
  const maxChars = Math.min(options.maxChars ?? COMMENT_MAX_CHARS, 65_536);
  const out = new MarkdownBudget(maxChars - COMMENT_MARKER.length - 1, utf16Units, '_Cut to fit a comment; the job summary has the rest._');

  out.block(verdictLine(facts, '###'));
  out.block(targetLine(facts));
  const reasons = reasonLines(facts, 5);
  if (reasons) out.block(reasons);
  addSeverityTable(facts, out, '');
  const where = options.runUrl ? markdownLink('the job summary', options.runUrl) : 'the job summary';
  addBlockingFindings(facts, out, '#### Blocking findings', Math.max(0, Math.floor(options.maxRows ?? 10)), where);
  addEngines(facts, out, '#### Engines that did not run or did not finish', { onlyProblems: true, maxRows: 10 });
  const omitted = omissionsText(options.omitted, 5);
  if (omitted) out.block(`#### Left out of code scanning\n\n${omitted}`);
  const notes = (options.notes ?? []).filter((n) => n.trim() !== '');
  if (notes.length) out.block(notes.slice(0, 5).map((n) => `- ${markdownText(n, 300)}`).join('\n'));
  if (options.runUrl) out.block(`${markdownLink('Full summary', options.runUrl)} · <sub>Gatehouse ${markdownText(doc.tool.version, 40)}</sub>`);
  return `${COMMENT_MARKER}\n${out.toString()}`;
}
