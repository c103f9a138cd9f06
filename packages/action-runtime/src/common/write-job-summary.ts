import { appendSummary } from '@gatehouse/action-kit';
import type { Finding, FindingsDocument } from '@gatehouse/findings';
import { renderSummary, SUMMARY_MAX_BYTES, type OmissionReport } from '@gatehouse/report';
import { notAnnotatedSection } from './not-annotated-section';

export interface JobSummaryParts {
  document: FindingsDocument;
  /** The action's name, in the heading. */
  action: string;
  omitted?: OmissionReport;
  notes: readonly string[];
  runUrl?: string;
  /** Markdown written by the caller (already escaped), placed after the summary: e.g. the policy change. */
  extra?: readonly string[];
  notAnnotated?: readonly Finding[];
}

/** Room kept for what follows the rendered summary; the rendered part is bounded to the rest. */
const TRAILER_BYTES = 64 * 1024;

/**
 * Writes the job summary: the report package's summary (verdict first, bounded and escaped), then
 * the caller's extra sections and the findings that got no annotation. The whole stays inside
 * GitHub's 1 MiB per step: appendSummary cuts whatever would not fit.
 */
export async function writeJobSummary(parts: JobSummaryParts): Promise<string> {
  const rendered = renderSummary(parts.document, {
    notes: [...parts.notes],
    ...(parts.omitted ? { omitted: parts.omitted } : {}),
    ...(parts.runUrl ? { runUrl: parts.runUrl } : {}),
    maxBytes: SUMMARY_MAX_BYTES - TRAILER_BYTES,
  });
  const trailer = [...(parts.extra ?? []), notAnnotatedSection(parts.notAnnotated ?? [], new Set(parts.document.decision.blockingIds))]
    .filter((section) => section.trim() !== '')
    .join('\n\n');
  const markdown = `<!-- gatehouse:${parts.action} -->\n${rendered}${trailer ? `\n\n${trailer}` : ''}\n`;
  await appendSummary(markdown);
  return markdown;
}
