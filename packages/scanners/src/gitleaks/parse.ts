import { compiledSafeParse, hashSecret, maskSecret, ParseError, type DraftWithHints } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { secretRuleById } from '../secret-rules';
import { authorOf, commitId, committedAtOf, httpUrl, SECRET_FIX, secretRatingFor, usableSecretValue } from '../secret-rules/finding-parts';
import { describeIssues } from '../zod-issues';
import { GitleaksV7LeakSchema, GitleaksV8FindingSchema, type GitleaksV7Leak, type GitleaksV8Finding } from './schema';

// Entries are checked by validators compiled from the zod schemas (zod itself explains a refused entry).
const parseV8Finding = compiledSafeParse(GitleaksV8FindingSchema);
const parseV7Leak = compiledSafeParse(GitleaksV7LeakSchema);

const ENGINE = 'gitleaks';

/** What both report generations say about one secret, in one shape. */
interface Leak {
  ruleId: string;
  description?: string;
  path: string;
  startLine?: number | null;
  endLine?: number | null;
  startColumn?: number | null;
  endColumn?: number | null;
  /** The value that identifies the secret (gitleaks 8 `Secret`, gitleaks 7 `offender`). */
  value?: string | null;
  /** Other fields holding plaintext: the match and the whole line. */
  plaintext: (string | null | undefined)[];
  commit?: string | null;
  author?: string | null;
  email?: string | null;
  date?: string | null;
  tags: string[];
  link?: string | null;
  fingerprint?: string | null;
}

function fromV8(f: GitleaksV8Finding): Leak {
  return {
    ruleId: f.RuleID.slice(0, 500),
    ...(f.Description ? { description: f.Description } : {}),
    path: f.File,
    startLine: f.StartLine,
    endLine: f.EndLine,
    startColumn: f.StartColumn,
    endColumn: f.EndColumn,
    value: f.Secret,
    plaintext: [f.Match, f.Line],
    commit: f.Commit,
    author: f.Author,
    email: f.Email,
    date: f.Date,
    tags: f.Tags ?? [],
    link: f.Link,
    fingerprint: f.Fingerprint,
  };
}

function fromV7(l: GitleaksV7Leak): Leak {
  return {
    ruleId: l.rule.slice(0, 500),
    path: l.file,
    startLine: l.lineNumber,
    // gitleaks 7's offender is the whole match (for some rules `key = 'value`), the closest it has to the value.
    value: l.offender,
    plaintext: [l.line],
    commit: l.commit,
    author: l.author,
    email: l.email,
    date: l.date,
    tags: (l.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    link: l.leakURL,
  };
}

/**
 * gitleaks writes a JSON array (8: `RuleID`, `Secret`…; 7: `rule`, `offender`…), `[]` or, in old
 * versions, `null` when nothing leaked. Anything else is not a gitleaks JSON report.
 */
function entriesOf(doc: unknown, file: string): unknown[] {
  if (doc === null) return [];
  if (isJsonObject(doc) && Array.isArray(doc.runs)) {
    throw new ParseError('not a gitleaks JSON report: this is SARIF (read it with --from sarif)', file);
  }
  if (!Array.isArray(doc)) {
    throw new ParseError(`not a gitleaks JSON report: expected an array of findings or null, found ${isJsonObject(doc) ? 'an object' : typeof doc}`, file);
  }
  const first = doc[0];
  if (first !== undefined && !(isJsonObject(first) && (typeof first.RuleID === 'string' || (typeof first.rule === 'string' && ('offender' in first || 'lineNumber' in first))))) {
    throw new ParseError('not a gitleaks JSON report: entries have neither "RuleID" (gitleaks 8) nor "rule"/"offender" (gitleaks 7) (is this another tool\'s report?)', file);
  }
  return doc;
}

function leakToDraft(leak: Leak, ctx: ParseContext): DraftWithHints {
  const value = usableSecretValue(leak.value) ? leak.value : undefined;
  if (ctx.onSecretValue) {
    if (value !== undefined) ctx.onSecretValue(value);
    for (const v of leak.plaintext) if (v !== value && usableSecretValue(v)) ctx.onSecretValue(v);
  }

  const commit = commitId(leak.commit);
  const sameLine = leak.startLine !== undefined && leak.startLine === leak.endLine;
  const placed = codeLocation(
    { path: leak.path, startLine: leak.startLine, endLine: leak.endLine, startColumn: leak.startColumn, endColumn: sameLine ? leak.endColumn : undefined, commit },
    ctx,
  );
  const own = secretRuleById(leak.ruleId);
  const title = (own?.description ?? (leak.description?.trim() || leak.ruleId)).slice(0, 300);
  const where = placed.location.kind === 'code' ? `${placed.location.path}${placed.location.startLine ? `:${placed.location.startLine}` : ''}` : 'the repository';
  let message = `${title} in ${where}${commit ? ` (commit ${commit.slice(0, 12)})` : ''}`;
  if (placed.refused) message = `${message} (location not used: ${placed.refused})`;
  const rating = secretRatingFor(leak.ruleId, ENGINE);

  // Built by assignment, not conditional spreads: this runs once per finding of reports of 100k.
  const secret: NonNullable<DraftWithHints['secret']> = value !== undefined ? { hash: hashSecret(value, ctx.salt), preview: maskSecret(value) } : { preview: '****' };
  const author = authorOf(leak.author, leak.email);
  if (author) secret.author = author;
  const committedAt = committedAtOf(leak.date);
  if (committedAt) secret.committedAt = committedAt;
  const fingerprint = leak.fingerprint?.trim() ? leak.fingerprint.trim().slice(0, 1_000) : undefined;
  const source: DraftWithHints['sources'][number] = { engine: ENGINE, nativeId: leak.ruleId };
  if (fingerprint) source.fingerprint = fingerprint;
  const draft: DraftWithHints = {
    category: 'secret',
    ruleId: leak.ruleId,
    title,
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers: [],
    aliases: [],
    location: placed.location,
    fix: SECRET_FIX,
    secret,
    sources: [source],
    identityHints: fingerprint ? { fingerprint } : {},
  };
  const link = httpUrl(leak.link);
  if (link) draft.references = [link];
  if (leak.tags.length > 0) draft.tags = [...new Set(leak.tags.map((t) => t.slice(0, 200)))].slice(0, 100);
  return draft;
}

/** gitleaks' JSON report (8, 7, and 8's `jsonextra` template) into findings; SARIF goes to the sarif adapter. */
export function parseGitleaks(content: string, ctx: ParseContext): ParseResult {
  const entries = entriesOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: entries.length, notes: [] };
  let legacy = 0;
  entries.forEach((raw, index) => {
    const isV8 = isJsonObject(raw) && 'RuleID' in raw;
    const parsed = isV8 ? parseV8Finding(raw) : parseV7Leak(raw);
    if (!parsed.success) {
      out.skipped.push({ at: `[${index}]`, reason: `not a gitleaks ${isV8 ? '8' : '7'} finding: ${describeIssues(parsed.error)}` });
      return;
    }
    if (!isV8) legacy++;
    out.findings.push(leakToDraft(isV8 ? fromV8(parsed.data as GitleaksV8Finding) : fromV7(parsed.data as GitleaksV7Leak), ctx));
  });
  if (legacy > 0) out.notes!.push(`${legacy} findings are in gitleaks 7's report format`);
  const redacted = out.findings.filter((f) => !f.secret?.hash).length;
  if (redacted > 0) out.notes!.push(`${redacted} secrets are redacted in the report (gitleaks --redact): their identity falls back to the location`);
  return out;
}
