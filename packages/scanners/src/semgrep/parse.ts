import { compiledSafeParse, isPlaceholderSnippet, ParseError, type DraftWithHints, type Identifier } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { semgrepErrorType, semgrepWarningEffect } from './error-classes';
import { confidenceOf, isSecretRule, referencesOf, tagsOf, weaknessIdentifiers } from './metadata';
import { SemgrepErrorSchema, SemgrepResultSchema, type SemgrepError, type SemgrepResult } from './schema';
import { matchedText, redactSecret } from './secret-match';
import { semgrepSeverity } from './severity';

// Entries are checked by validators compiled from the zod schemas (zod itself explains a refused entry).
const parseResult = compiledSafeParse(SemgrepResultSchema);
const parseError = compiledSafeParse(SemgrepErrorSchema);

const MAX_REASONS = 20;

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * semgrep's JSON report is an object with `results` and `errors` arrays (and, since 0.92, `version`
 * and `paths`). bandit's report also has `results` and `errors`, but `metrics`; SARIF has `runs`.
 */
function checkSignature(doc: unknown, file: string): Record<string, unknown> & { results: unknown[] } {
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a semgrep JSON report: expected an object with "results" and "errors", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (Object.hasOwn(doc, 'runs') || doc.$schema !== undefined) {
    throw new ParseError('this is a SARIF log, not semgrep JSON: read it with --from sarif', file);
  }
  if (!Array.isArray(doc.results)) throw new ParseError('not a semgrep JSON report: no "results" array', file);
  if (Object.hasOwn(doc, 'metrics')) throw new ParseError('not a semgrep JSON report: it has "metrics" (a bandit report?)', file);
  const first = doc.results[0];
  if (first === undefined) {
    // An empty report must still look like semgrep's: errors[] and paths or version.
    if (!Array.isArray(doc.errors) || !(isJsonObject(doc.paths) || typeof doc.version === 'string')) {
      throw new ParseError('not a semgrep JSON report: no results, and no "errors" array with "paths" or "version"', file);
    }
  } else if (!(isJsonObject(first) && typeof first.check_id === 'string' && isJsonObject(first.extra))) {
    throw new ParseError('not a semgrep JSON report: "results" entries have no check_id and extra', file);
  }
  return doc as Record<string, unknown> & { results: unknown[] };
}

/** The rule's name without its namespace: `python.lang.security.audit.eval-detected.eval-detected` -> `eval-detected`. */
function titleOf(checkId: string): string {
  const parts = checkId.split('.').filter(Boolean);
  return oneLine(parts.at(-1) ?? checkId, 300) || checkId;
}

/** What every result of one rule shares, worked out once per rule id rather than once per result. */
interface RuleFacts {
  title: string;
  secretRule: boolean;
  identifiers: Identifier[];
  confidence?: 'high' | 'medium' | 'low';
  references: string[];
  tags: string[];
}

function ruleFacts(result: SemgrepResult, cache: Map<string, RuleFacts>): RuleFacts {
  let facts = cache.get(result.check_id);
  if (!facts) {
    const metadata = isJsonObject(result.extra.metadata) ? result.extra.metadata : {};
    const confidence = confidenceOf(metadata);
    facts = {
      title: titleOf(result.check_id),
      secretRule: isSecretRule(result.check_id, metadata),
      identifiers: weaknessIdentifiers(metadata),
      ...(confidence ? { confidence } : {}),
      references: referencesOf(metadata),
      tags: tagsOf(metadata),
    };
    cache.set(result.check_id, facts);
  }
  return facts;
}

function resultToDraft(result: SemgrepResult, ctx: ParseContext, facts: RuleFacts): DraftWithHints {
  const rating = semgrepSeverity(result.extra.severity);
  const secretRule = facts.secretRule;
  const placed = codeLocation(
    {
      path: result.path,
      startLine: result.start.line,
      endLine: result.end?.line,
      startColumn: result.start.col,
      endColumn: result.end && result.end.line === result.start.line ? result.end.col : undefined,
    },
    ctx,
  );
  const title = facts.title;
  let message = (result.extra.message ?? '').trim() || title;
  let secret: DraftWithHints['secret'];
  if (secretRule) {
    const redacted = redactSecret(matchedText(result.extra.lines, result), ctx);
    secret = redacted.secret;
    // semgrep interpolates metavariables into a rule's message, and a metavariable may hold the value or
    // any part of it, which masking the whole match cannot find: a secret rule's message is never shown.
    message = redacted.known
      ? `${title} found by semgrep (value ${redacted.secret.preview}); the rule's own message is not shown, as it may quote the value`
      : `${title} found by semgrep; the report does not say which value, so its text is not shown`;
  }
  if (placed.refused) message = `${message} (location not used: ${placed.refused})`;
  const { identifiers, confidence, references, tags } = facts;
  // Without a login, registry rules' `lines` and `fingerprint` both read "requires login".
  const rawFingerprint = result.extra.fingerprint;
  const fingerprint = rawFingerprint && !isPlaceholderSnippet(rawFingerprint) ? rawFingerprint.slice(0, 1_000) : undefined;
  return {
    category: secretRule ? 'secret' : 'sast',
    ruleId: result.check_id,
    title,
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    ...(confidence ? { confidence } : {}),
    identifiers: [...identifiers],
    aliases: [],
    location: placed.location,
    fix:
      result.extra.fix !== undefined
        ? { available: true, versions: [], state: 'fixed', advice: 'semgrep proposes an automatic fix for this match (semgrep --autofix)' }
        : { available: false, versions: [], state: 'unknown' },
    ...(secret ? { secret } : {}),
    sources: [
      {
        engine: 'semgrep',
        nativeId: result.check_id,
        ...(result.extra.severity ? { nativeSeverity: result.extra.severity.slice(0, 100) } : {}),
        ...(fingerprint ? { fingerprint } : {}),
      },
    ],
    ...(references.length ? { references: [...references] } : {}),
    ...(tags.length ? { tags: [...tags] } : {}),
    ...(result.extra.is_ignored === true
      ? { suppression: { kind: 'inline' as const, reason: 'marked nosemgrep in the source', ref: 'nosemgrep' } }
      : {}),
    // The matched lines stand in for the source when it is absent; finalizeFindings skips
    // placeholders ("requires login") and never uses a secret finding's snippet.
    identityHints: {
      ...(!secretRule && result.extra.lines !== undefined ? { snippet: result.extra.lines } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    },
  };
}

/** The files an error names: its `path`, else the files of its spans. */
function filesOf(error: SemgrepError): string[] {
  if (error.path) return [error.path];
  return [...new Set((error.spans ?? []).map((s) => s.file).filter((f): f is string => typeof f === 'string' && f !== '' && f !== '<No file>'))];
}

function describeError(error: SemgrepError, type: string | undefined): string {
  const text = error.message ?? error.short_msg ?? error.long_msg ?? '';
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  // semgrep's messages often start with the type and name the rule ("Timeout when running <rule> on <file>").
  if (type && first.toLowerCase().startsWith(type.toLowerCase())) return oneLine(first, 400);
  const rule = error.rule_id ? ` (rule ${oneLine(error.rule_id, 200)})` : '';
  return `${type ?? 'error'}${rule}${first ? `: ${oneLine(first, 300)}` : ''}`;
}

/** errors[] as incompleteness reasons (naming the files) and notes. See error-classes.ts for the rules. */
function readErrors(raw: unknown, out: ParseResult): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    out.incomplete.push('semgrep: "errors" is not an array, so whether the scan completed is unknown');
    return;
  }
  const lost: string[] = [];
  const notes: string[] = [];
  raw.forEach((entry, index) => {
    const parsed = parseError(entry);
    if (!parsed.success) {
      lost.push(`semgrep: errors[${index}] could not be read (${describeIssues(parsed.error)})`);
      return;
    }
    const error = parsed.data;
    const type = semgrepErrorType(error.type);
    const level = (error.level ?? 'error').toLowerCase();
    const files = filesOf(error);
    const what = describeError(error, type);
    const effect = level === 'info' ? 'note' : level === 'error' ? 'loses-coverage' : semgrepWarningEffect(type);
    if (effect === 'note') {
      notes.push(`semgrep ${level}${files.length ? ` on ${files.join(', ')}` : ''}: ${what}`);
    } else if (files.length > 0) {
      lost.push(`semgrep could not fully scan ${files.map((f) => oneLine(f, 300)).join(', ')}: ${what}`);
    } else {
      lost.push(`semgrep ${level === 'error' ? 'failed' : 'reported a problem it does not say is harmless'}: ${what}`);
    }
  });
  out.incomplete.push(...lost.slice(0, MAX_REASONS));
  if (lost.length > MAX_REASONS) out.incomplete.push(`semgrep: and ${lost.length - MAX_REASONS} more errors`);
  out.notes!.push(...notes.slice(0, MAX_REASONS));
  if (notes.length > MAX_REASONS) out.notes!.push(`semgrep: and ${notes.length - MAX_REASONS} more warnings`);
}

export function parseSemgrep(content: string, ctx: ParseContext): ParseResult {
  const doc = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: doc.results.length, notes: [] };
  if (typeof doc.version === 'string' && doc.version.trim()) out.engineVersion = doc.version.trim().slice(0, 100);

  const rules = new Map<string, RuleFacts>();
  doc.results.forEach((raw, index) => {
    const parsed = parseResult(raw);
    if (!parsed.success) {
      out.skipped.push({ at: `results[${index}]`, reason: describeIssues(parsed.error) });
      return;
    }
    out.findings.push(resultToDraft(parsed.data, ctx, ruleFacts(parsed.data, rules)));
  });

  readErrors(doc.errors, out);
  const paths = isJsonObject(doc.paths) ? doc.paths : undefined;
  if (paths && Array.isArray(paths.scanned)) out.notes!.push(`semgrep scanned ${paths.scanned.length} files`);
  if (Array.isArray(doc.skipped_rules) && doc.skipped_rules.length > 0) {
    const ids = doc.skipped_rules
      .map((r) => (isJsonObject(r) && typeof r.rule_id === 'string' ? r.rule_id : undefined))
      .filter((id): id is string => id !== undefined);
    out.notes!.push(`semgrep skipped ${doc.skipped_rules.length} rules it cannot run: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}`);
  }
  const suppressed = out.findings.filter((f) => f.suppression).length;
  if (suppressed > 0) out.notes!.push(`${suppressed} semgrep results are marked nosemgrep (kept as suppressed)`);
  return out;
}
