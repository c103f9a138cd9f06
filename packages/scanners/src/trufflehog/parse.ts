import { hashSecret, maskSecret, ParseError, type DraftWithHints, type Location, type RatedSeverity } from '@gatehouse/findings';
import type { ParseContext, ParseResult, SkippedEntry } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, lineColumnAt, readJsonReport } from '../json-document';
import { authorOf, commitId, committedAtOf, defaultSecretRating, httpUrl, SECRET_FIX } from '../secret-rules/finding-parts';
import { redactMessage } from '../secretlint/secret-value';
import { describeIssues } from '../zod-issues';
import { rawValuesOf } from './raw-value';
import { DockerSourceSchema, FilesystemSourceSchema, GitSourceSchema, TrufflehogResultSchema, type TrufflehogResult } from './schema';

const ENGINE = 'trufflehog';
const VERIFIED: RatedSeverity = { severity: 'critical', severityBasis: { kind: 'tool', label: 'verified', source: 'trufflehog' } };
/** Sources whose metadata say where in git history (commit, file, line, author). */
const GIT_SOURCES = ['Git', 'Github', 'Gitlab', 'Bitbucket', 'Gerrit', 'AzureRepos', 'Huggingface'];

interface Record {
  at: string;
  value: unknown;
}

/** Text that is UTF-16 read as UTF-8 has NULs or replacement characters up front: refused as readJsonReport does. */
function checkText(content: string, file: string): string {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (/^[\ufffd\ufeff\ufffe]{1,2}/.test(text) || /^.?\u0000/.test(text)) throw new ParseError('report looks UTF-16 encoded; write it as UTF-8', file, 1, 1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const { line, column } = lineColumnAt(text, nul);
    throw new ParseError('report holds a NUL character; not a text report (UTF-16?)', file, line, column);
  }
  return text;
}

/**
 * trufflehog prints one JSON object per line (nothing at all when it finds nothing); reports
 * re-wrapped by other tools are a JSON array of the same objects. A bad line in the middle is
 * skipped and counted; a bad last line with no line break after it is a cut-off report.
 */
function recordsOf(content: string, file: string, skipped: SkippedEntry[]): Record[] {
  const text = checkText(content, file);
  if (text.trimStart().startsWith('[')) {
    const doc = readJsonReport(text, file);
    if (!Array.isArray(doc)) throw new ParseError('not a trufflehog report: expected JSON lines or an array of results', file);
    return doc.map((value, index) => ({ at: `[${index}]`, value }));
  }
  const records: Record[] = [];
  const lines = text.split('\n');
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.trim() !== '');
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      records.push({ at: `line ${index + 1}`, value: JSON.parse(raw) });
    } catch {
      if (index === last && !text.endsWith('\n')) throw new ParseError('report is truncated (its last JSON line is cut off)', file, index + 1);
      if (records.length === 0) throw new ParseError('not a trufflehog report: the first line is not JSON', file, index + 1);
      // The line holds the secret: the reason never quotes it.
      skipped.push({ at: `line ${index + 1}`, reason: 'not a JSON line' });
    }
  });
  return records;
}

function checkSignature(records: Record[], file: string): void {
  const first = records[0]?.value;
  if (first === undefined) return;
  if (!isJsonObject(first) || !('SourceMetadata' in first) || !('DetectorName' in first || 'DetectorType' in first)) {
    throw new ParseError('not a trufflehog report: results have no "SourceMetadata" and "DetectorName" (is this another tool\'s report?)', file);
  }
}

interface Placed {
  location: Location;
  author?: string;
  committedAt?: string;
  where: string;
  refused?: string;
  references: string[];
}

/** The finding's place from `SourceMetadata.Data`: git history, a file, or a layer of an image. */
function placeOf(result: TrufflehogResult, ctx: ParseContext): Placed {
  const data = result.SourceMetadata?.Data ?? {};
  const kind = Object.keys(data)[0];
  const meta = kind !== undefined ? data[kind] : undefined;
  if (kind !== undefined && GIT_SOURCES.includes(kind)) {
    const git = GitSourceSchema.safeParse(meta);
    if (git.success && git.data.file) {
      const commit = commitId(git.data.commit);
      const placed = codeLocation({ path: git.data.file, startLine: git.data.line, ...(commit ? { commit } : {}) }, ctx);
      // trufflehog writes git's `Name <email>` in its email field.
      const author = authorOf(git.data.email, undefined);
      const committedAt = committedAtOf(git.data.timestamp);
      const link = httpUrl(git.data.link);
      return {
        location: placed.location,
        ...(author ? { author } : {}),
        ...(committedAt ? { committedAt } : {}),
        where: `${git.data.file}${git.data.line ? `:${git.data.line}` : ''}${commit ? ` (commit ${commit.slice(0, 12)})` : ''}`,
        ...(placed.refused ? { refused: placed.refused } : {}),
        references: link ? [link] : [],
      };
    }
  }
  if (kind === 'Filesystem') {
    const fs = FilesystemSourceSchema.safeParse(meta);
    if (fs.success && fs.data.file) {
      const placed = codeLocation({ path: fs.data.file, startLine: fs.data.line }, ctx);
      return { location: placed.location, where: `${fs.data.file}${fs.data.line ? `:${fs.data.line}` : ''}`, ...(placed.refused ? { refused: placed.refused } : {}), references: [] };
    }
  }
  if (kind === 'Docker') {
    const docker = DockerSourceSchema.safeParse(meta);
    if (docker.success && docker.data.image) {
      const ref = `${docker.data.image}${docker.data.tag ? `:${docker.data.tag}` : ''}`.slice(0, 2_000);
      return {
        location: { kind: 'image', ref, ...(docker.data.layer ? { layer: docker.data.layer.slice(0, 200) } : {}), ...(docker.data.file ? { target: docker.data.file.slice(0, 4_096) } : {}) },
        where: `${ref}${docker.data.file ? ` ${docker.data.file}` : ''}`,
        references: [],
      };
    }
  }
  return { location: { kind: 'repository' }, where: kind ? `a ${kind} source` : 'an unnamed source', references: [] };
}

function resultToDraft(result: TrufflehogResult, ctx: ParseContext): { draft: DraftWithHints; decoded: boolean } {
  // Results that carry `DecoderName` come from versions that print Raw as text.
  const raw = rawValuesOf(result, !('DecoderName' in result));
  if (ctx.onSecretValue) for (const v of raw.plaintext) ctx.onSecretValue(v);
  const place = placeOf(result, ctx);
  const ruleId = result.DetectorName.slice(0, 500);
  const verified = result.Verified === true;
  const rating = verified ? VERIFIED : defaultSecretRating(ENGINE);
  const title = (result.DetectorDescription?.trim() || `${result.DetectorName} credential`).slice(0, 300);
  let message = `${result.DetectorName} ${verified ? 'secret, verified live by trufflehog,' : 'secret (not verified)'} in ${place.where}`;
  if (result.VerificationError) message += ` (verification failed: ${redactMessage(result.VerificationError, raw.plaintext).slice(0, 300)})`;
  if (place.refused) message += ` (location not used: ${place.refused})`;

  // Built by assignment, not conditional spreads: this runs once per line of reports of 100k.
  const secret: NonNullable<DraftWithHints['secret']> = raw.value !== undefined ? { hash: hashSecret(raw.value, ctx.salt), preview: maskSecret(raw.value), verified } : { preview: '****', verified };
  if (place.author) secret.author = place.author;
  if (place.committedAt) secret.committedAt = place.committedAt;
  const draft: DraftWithHints = {
    category: 'secret',
    ruleId,
    title,
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers: [],
    aliases: [],
    location: place.location,
    fix: SECRET_FIX,
    secret,
    sources: [{ engine: ENGINE, nativeId: ruleId, nativeSeverity: verified ? 'verified' : 'unverified' }],
  };
  const rotationGuide = httpUrl(result.ExtraData?.rotation_guide);
  const references = rotationGuide ? [...place.references, rotationGuide] : place.references;
  if (references.length > 0) draft.references = references;
  if (result.DecoderName && result.DecoderName !== 'PLAIN') draft.tags = [`decoder:${result.DecoderName.slice(0, 100)}`];
  return { draft, decoded: raw.decoded };
}

/** trufflehog v3 JSON (lines, or an array of results) into findings. */
export function parseTrufflehog(content: string, ctx: ParseContext): ParseResult {
  const skipped: SkippedEntry[] = [];
  const records = recordsOf(content, ctx.file, skipped);
  checkSignature(records, ctx.file);
  const out: ParseResult = { findings: [], skipped, incomplete: [], nativeCount: records.length + skipped.length, notes: [] };
  let verificationErrors = 0;
  let decoded = 0;
  for (const record of records) {
    const parsed = TrufflehogResultSchema.safeParse(record.value);
    if (!parsed.success) {
      out.skipped.push({ at: record.at, reason: `not a trufflehog result: ${describeIssues(parsed.error)}` });
      continue;
    }
    if (parsed.data.VerificationError) verificationErrors++;
    const made = resultToDraft(parsed.data, ctx);
    if (made.decoded) decoded++;
    out.findings.push(made.draft);
  }
  if (records.length === 0 && skipped.length === 0) out.notes!.push('trufflehog reported nothing');
  if (verificationErrors > 0) out.notes!.push(`${verificationErrors} secrets could not be verified (the provider did not answer): they count as unverified`);
  if (decoded > 0) out.notes!.push(`${decoded} results are from an early trufflehog v3 that wrote Raw as base64; decoded`);
  return out;
}
