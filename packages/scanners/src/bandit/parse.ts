import { maskSecret, ParseError, type DraftWithHints, type Identifier } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { linesOfSnippet, nosecCovers } from './code-snippet';
import { BanditErrorSchema, BanditIssueSchema, type BanditIssue } from './schema';
import { banditConfidence, banditSeverity } from './severity';

const MAX_ERROR_REASONS = 20;

/** bandit's report is an object with a `results` array and a `metrics` object (semgrep has no metrics). */
function checkSignature(doc: unknown, file: string): Record<string, unknown> & { results: unknown[] } {
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a bandit JSON report: expected an object with "results" and "metrics", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (!Array.isArray(doc.results)) throw new ParseError('not a bandit JSON report: no "results" array', file);
  if (!isJsonObject(doc.metrics)) throw new ParseError('not a bandit JSON report: no "metrics" object (is this another tool\'s report?)', file);
  const first = doc.results[0];
  if (first !== undefined && !(isJsonObject(first) && ('test_id' in first || 'issue_severity' in first))) {
    throw new ParseError('not a bandit JSON report: "results" entries have no test_id or issue_severity', file);
  }
  return doc as Record<string, unknown> & { results: unknown[] };
}

/**
 * bandit's hard-coded password tests (B105-B107) quote the candidate password in their text. It is
 * masked like any secret and handed to onSecretValue so it cannot reach a log.
 */
function redactQuotedPassword(text: string, ctx: ParseContext): string {
  return text.replace(/(hardcoded password: )'(.*)'/i, (_whole, lead: string, value: string) => {
    if (value === '') return `${lead}''`;
    ctx.onSecretValue?.(value);
    return `${lead}'${maskSecret(value)}'`;
  });
}

function issueToDraft(issue: BanditIssue, ctx: ParseContext): DraftWithHints {
  const rating = banditSeverity(issue.issue_severity, issue.issue_confidence);
  const confidence = banditConfidence(issue.issue_confidence);
  const lines = linesOfSnippet(issue.code);
  const range = issue.line_range?.length ? issue.line_range : [issue.line_number];
  // reduce, not Math.max(...range): a hostile line_range of a million entries must not overflow the stack.
  const endLine = range.reduce((max, n) => (n > max ? n : max), issue.line_number);
  const placed = codeLocation(
    {
      path: issue.filename,
      startLine: issue.line_number,
      endLine: endLine > issue.line_number ? endLine : undefined,
      startColumn: issue.col_offset !== undefined ? issue.col_offset + 1 : undefined,
      endColumn: issue.end_col_offset !== undefined && endLine === issue.line_number ? issue.end_col_offset + 1 : undefined,
    },
    ctx,
  );
  const text = redactQuotedPassword(issue.issue_text.trim(), ctx);
  const nosec = nosecCovers(lines, range, issue.test_id, issue.test_name);
  const cweId = issue.issue_cwe?.id !== undefined ? String(issue.issue_cwe.id).replace(/^CWE-/i, '') : undefined;
  const identifiers: Identifier[] = cweId && /^\d{1,5}$/.test(cweId) && cweId !== '0' ? [{ type: 'CWE', value: `CWE-${cweId}` }] : [];
  const issueLine = lines.get(issue.line_number);
  const moreInfo = issue.more_info && /^https?:\/\//i.test(issue.more_info) ? issue.more_info.slice(0, 2_000) : undefined;
  return {
    category: 'sast',
    ruleId: issue.test_id,
    // Context-free: the quoted candidate password is not part of the title.
    title: text.replace(/(hardcoded password): '.*'/i, '$1').replace(/\s+/g, ' ').slice(0, 300) || issue.test_id,
    message: placed.refused ? `${text} (location not used: ${placed.refused})` : text,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    ...(confidence ? { confidence } : {}),
    identifiers,
    aliases: [],
    location: placed.location,
    fix: { available: false, versions: [], state: 'unknown' },
    sources: [{ engine: 'bandit', nativeId: issue.test_id, nativeSeverity: `${issue.issue_severity}/${issue.issue_confidence ?? 'UNDEFINED'}`.slice(0, 100) }],
    ...(moreInfo ? { references: [moreInfo] } : {}),
    ...(issue.test_name ? { tags: [issue.test_name.slice(0, 200)] } : {}),
    ...(nosec ? { suppression: { kind: 'inline' as const, reason: 'marked # nosec in the source', ref: nosec } } : {}),
    // The issue's own line, not the snippet's first (context) line, stands in for the source.
    ...(issueLine !== undefined ? { identityHints: { snippet: issueLine } } : {}),
  };
}

/** Sum of SEVERITY.* in metrics._totals, or undefined when the totals are missing or not numbers. */
function totalIssues(metrics: Record<string, unknown>): number | undefined {
  const totals = metrics._totals;
  if (!isJsonObject(totals)) return undefined;
  let sum = 0;
  for (const key of ['SEVERITY.HIGH', 'SEVERITY.MEDIUM', 'SEVERITY.LOW', 'SEVERITY.UNDEFINED']) {
    const value = totals[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    sum += value;
  }
  return sum;
}

export function parseBandit(content: string, ctx: ParseContext): ParseResult {
  const doc = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: doc.results.length, notes: [] };

  doc.results.forEach((raw, index) => {
    const parsed = BanditIssueSchema.safeParse(raw);
    if (!parsed.success) {
      out.skipped.push({ at: `results[${index}]`, reason: describeIssues(parsed.error) });
      return;
    }
    out.findings.push(issueToDraft(parsed.data, ctx));
  });

  // Files bandit could not analyse (syntax errors, unreadable files) were not scanned: incomplete.
  const errors = Array.isArray(doc.errors) ? doc.errors : [];
  if (doc.errors !== undefined && !Array.isArray(doc.errors)) out.incomplete.push('bandit: "errors" is not an array, so which files were scanned is unknown');
  errors.slice(0, MAX_ERROR_REASONS).forEach((raw, index) => {
    const parsed = BanditErrorSchema.safeParse(raw);
    const file = parsed.success ? parsed.data.filename : undefined;
    const reason = parsed.success ? parsed.data.reason : undefined;
    out.incomplete.push(`bandit could not scan ${file ?? `errors[${index}]`}: ${(reason ?? 'no reason given').replace(/\s+/g, ' ').slice(0, 300)}`);
  });
  if (errors.length > MAX_ERROR_REASONS) out.incomplete.push(`bandit could not scan ${errors.length - MAX_ERROR_REASONS} more files`);

  const totals = totalIssues(doc.metrics as Record<string, unknown>);
  if (totals === undefined) {
    out.notes!.push('bandit metrics._totals is missing or malformed; the issue count could not be cross-checked');
  } else if (totals !== doc.results.length) {
    // Severity/confidence filters (-l, -i) and baselines (-b) drop results after bandit counted them.
    out.notes!.push(`bandit metrics._totals count ${totals} issues but the report lists ${doc.results.length} (filtered with -l/-i/-b, or edited)`);
  }
  const suppressed = out.findings.filter((f) => f.suppression).length;
  if (suppressed > 0) out.notes!.push(`${suppressed} bandit issues are marked # nosec (kept as suppressed)`);
  return out;
}
