import { hashSecret, ParseError, type DraftWithHints, type RatedSeverity } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { defaultSecretRating, SECRET_FIX } from '../secret-rules/finding-parts';
import { describeIssues } from '../zod-issues';
import { DetectSecretsEntrySchema, type DetectSecretsEntry } from './schema';

const ENGINE = 'detect-secrets';
const VERIFIED: RatedSeverity = { severity: 'critical', severityBasis: { kind: 'tool', label: 'verified', source: 'detect-secrets' } };

/**
 * A detect-secrets document (a `scan` output or a `.secrets.baseline`, 0.x or 1.x) is an object
 * whose `results` maps files to entries, with its settings around it. Bandit's report also has
 * `results` and `generated_at`, but as an array.
 */
function resultsOf(doc: unknown, file: string): Record<string, unknown> {
  if (!isJsonObject(doc)) throw new ParseError(`not a detect-secrets report: expected an object, found ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}`, file);
  const hasSettings = typeof doc.version === 'string' || typeof doc.generated_at === 'string' || Array.isArray(doc.plugins_used);
  if (!isJsonObject(doc.results) || !hasSettings) {
    throw new ParseError('not a detect-secrets report: no "results" object of files with "version" / "plugins_used" (is this another tool\'s report?)', file);
  }
  return doc.results;
}

function entryToDraft(path: string, entry: DetectSecretsEntry, ctx: ParseContext): DraftWithHints {
  const placed = codeLocation({ path, startLine: entry.line_number }, ctx);
  const verified = entry.is_verified === true;
  const rating = verified ? VERIFIED : defaultSecretRating(ENGINE);
  const audit = entry.is_secret === true ? ' (audited: a real secret)' : entry.is_secret === false ? ' (audited: not a secret)' : '';
  let message = `${entry.type}${verified ? ', verified live by detect-secrets,' : ''} in ${path}${entry.line_number ? `:${entry.line_number}` : ''}${audit}`;
  if (placed.refused) message += ` (location not used: ${placed.refused})`;
  return {
    category: 'secret',
    ruleId: entry.type.slice(0, 500),
    title: entry.type.slice(0, 300),
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers: [],
    aliases: [],
    location: placed.location,
    fix: SECRET_FIX,
    // No value: detect-secrets keeps only an unkeyed SHA-1 of it, which is never copied.
    secret: { preview: '****', ...(entry.is_verified !== undefined ? { verified } : {}) },
    sources: [{ engine: ENGINE, nativeId: entry.type.slice(0, 1_000), ...(verified ? { nativeSeverity: 'verified' } : {}) }],
    ...(entry.is_secret === true ? { tags: ['audited:secret'] } : {}),
    ...(entry.is_secret === false
      ? { suppression: { kind: 'baseline' as const, reason: 'audited as not a secret (is_secret: false) in the detect-secrets baseline', ref: ctx.file.slice(0, 1_000) } }
      : {}),
    // The SHA-1 stands in for the line when the source is not at hand, keyed so that it cannot be reversed.
    identityHints: { fingerprint: hashSecret(`detect-secrets:${entry.hashed_secret.toLowerCase()}`, ctx.salt) },
  };
}

/** detect-secrets JSON (a scan or a baseline, 0.x or 1.x) into findings; audited false positives are suppressed. */
export function parseDetectSecrets(content: string, ctx: ParseContext): ParseResult {
  const results = resultsOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  let realSecrets = 0;
  let unaudited = 0;
  for (const [path, entries] of Object.entries(results)) {
    if (!Array.isArray(entries)) {
      out.nativeCount++;
      out.skipped.push({ at: `results[${JSON.stringify(path.slice(0, 200))}]`, reason: 'not a list of entries' });
      continue;
    }
    entries.forEach((raw, index) => {
      out.nativeCount++;
      const parsed = DetectSecretsEntrySchema.safeParse(raw);
      if (!parsed.success) {
        out.skipped.push({ at: `results[${JSON.stringify(path.slice(0, 200))}][${index}]`, reason: describeIssues(parsed.error) });
        return;
      }
      if (parsed.data.is_secret === true) realSecrets++;
      if (parsed.data.is_secret === undefined) unaudited++;
      out.findings.push(entryToDraft(path, parsed.data, ctx));
    });
  }
  const suppressed = out.findings.filter((f) => f.suppression).length;
  if (suppressed > 0) out.notes!.push(`${suppressed} entries are audited as not secrets (is_secret: false): kept as suppressed`);
  if (realSecrets > 0) out.notes!.push(`${realSecrets} entries are audited as real secrets`);
  if (unaudited > 0) out.notes!.push(`${unaudited} entries are not audited yet (detect-secrets audit)`);
  return out;
}
