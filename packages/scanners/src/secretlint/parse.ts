import { hashSecret, maskSecret, ParseError, type DraftWithHints, type RatedSeverity } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { secretRuleById } from '../secret-rules';
import { describeIssues } from '../zod-issues';
import { PATTERN_RULE, RUNNER_RULE_ID } from './report-format';
import { authorOf, commitId, committedAtOf } from '../secret-rules/finding-parts';
import { SecretlintFileSchema, SecretlintMessageSchema, type SecretlintFileOrigin, type SecretlintMessage } from './schema';
import { redactMessage, secretValueOf, secretValuesOfData } from './secret-value';

const GENERIC_RULE = 'gatehouse-generic-high-entropy-token';
const MAX_REASONS = 20;
const DEFAULT_RATING: RatedSeverity = {
  severity: 'high',
  severityBasis: { kind: 'default', reason: 'secretlint gives no severity; a found credential counts as high until it is rotated' },
};

/** secretlint writes an array of `{filePath, messages}`; `{}`, another tool's array or null is not it. */
function checkSignature(doc: unknown, file: string): unknown[] {
  if (!Array.isArray(doc)) {
    throw new ParseError(`not a secretlint JSON report: expected an array of file results, found ${doc === null ? 'null' : typeof doc === 'object' ? 'an object' : typeof doc}`, file);
  }
  const first = doc[0];
  if (first !== undefined && !(isJsonObject(first) && typeof first.filePath === 'string' && Array.isArray(first.messages))) {
    throw new ParseError('not a secretlint JSON report: entries have no "filePath" and "messages" (is this another tool\'s report?)', file);
  }
  return doc;
}

/** The pattern name of a pattern-rule message, when the report did not mask it. */
function patternName(message: SecretlintMessage): string | undefined {
  const name = message.data?.PATTERN_NAME;
  return typeof name === 'string' && name !== '' && !/^\*+$/.test(name) ? name : undefined;
}

/** Our own rules keep their id; secretlint's are `<rule>:<messageId>` (one rule, several kinds of secret). */
function ruleIdOf(message: SecretlintMessage): string {
  const name = message.ruleId === PATTERN_RULE ? patternName(message) : undefined;
  if (name && secretRuleById(name)) return name;
  return `${message.ruleId}:${name ?? message.messageId ?? 'message'}`.slice(0, 500);
}

function titleOf(message: SecretlintMessage, ruleId: string): string {
  const own = secretRuleById(ruleId);
  if (own) return own.description;
  const kind = (patternName(message) ?? message.messageId ?? ruleId).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return `${kind} (${message.ruleId.replace(/^@secretlint\/secretlint-rule-/, 'secretlint ')})`.slice(0, 300);
}

/**
 * Messages of several rules on overlapping ranges of one file are one secret (the preset and
 * Gatehouse's rules both know private keys, the generic rule sees every key-like assignment):
 * one finding, every rule a source. Sorting then one sweep keeps this O(n log n).
 */
function groupOverlapping(messages: SecretlintMessage[]): SecretlintMessage[][] {
  const sorted = [...messages].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const groups: SecretlintMessage[][] = [];
  let end = -1;
  for (const m of sorted) {
    const last = groups.at(-1);
    if (last && m.range[0] < end) {
      last.push(m);
      end = Math.max(end, m.range[1]);
    } else {
      groups.push([m]);
      end = Math.max(m.range[1], m.range[0] + 1);
    }
  }
  return groups;
}

/** The message that names the secret best: a specific rule before the generic one, then the earliest. */
function primaryOf(group: SecretlintMessage[]): SecretlintMessage {
  return [...group].sort((a, b) => Number(patternName(a) === GENERIC_RULE) - Number(patternName(b) === GENERIC_RULE))[0]!;
}

/** What a suppressed group's messages say suppressed them. */
function suppressionOf(group: SecretlintMessage[]): DraftWithHints['suppression'] {
  if (!group.every((m) => m.gatehouse?.suppressedBy)) return undefined;
  if (group.every((m) => m.gatehouse?.suppressedBy === 'gitleaks:allow comment')) {
    return { kind: 'inline', reason: 'gitleaks:allow comment on the line', ref: 'gitleaks:allow' };
  }
  return { kind: 'inline', reason: 'secretlint-disable comment in the source', ref: 'secretlint-disable' };
}

function groupToDraft(group: SecretlintMessage[], filePath: string, sourceContent: string | null | undefined, origin: SecretlintFileOrigin | undefined, ctx: ParseContext): DraftWithHints {
  const primary = primaryOf(group);
  const ruleId = ruleIdOf(primary);
  const value = secretValueOf(primary, sourceContent);
  const allValues = new Set<string>(value !== undefined ? [value] : []);
  for (const m of group) for (const v of secretValuesOfData(m)) allValues.add(v);
  for (const v of allValues) ctx.onSecretValue?.(v);

  const placed = codeLocation(
    {
      path: filePath,
      startLine: primary.loc?.start.line,
      endLine: primary.loc?.end.line,
      startColumn: primary.loc ? primary.loc.start.column + 1 : undefined,
      endColumn: primary.loc && primary.loc.end.line === primary.loc.start.line ? primary.loc.end.column + 1 : undefined,
      ...(commitId(origin?.commit) ? { commit: commitId(origin?.commit)! } : {}),
    },
    ctx,
  );
  const author = authorOf(origin?.author, origin?.email);
  const committedAt = committedAtOf(origin?.committedAt);
  const title = titleOf(primary, ruleId);
  let message = redactMessage(primary.message ?? title, [...allValues]);
  const commit = placed.location.kind === 'code' ? placed.location.commit : undefined;
  if (commit) message = `${message} (added in commit ${commit.slice(0, 12)})`;
  if (placed.refused) message = `${message} (location not used: ${placed.refused})`;
  const own = secretRuleById(ruleId);
  const rating: RatedSeverity = own?.severity
    ? { severity: own.severity, severityBasis: { kind: 'default', reason: own.severityReason ?? `severity of Gatehouse rule ${own.id}` } }
    : DEFAULT_RATING;
  const suppression = suppressionOf(group);
  const docsUrl = primary.docsUrl && /^https?:\/\//i.test(primary.docsUrl) ? primary.docsUrl.slice(0, 2_000) : undefined;
  const sources = [...new Map(group.map((m) => [ruleIdOf(m), m])).entries()].slice(0, 50).map(([nativeId, m]) => ({
    engine: 'secretlint',
    nativeId,
    ...(m.severity !== undefined ? { nativeSeverity: String(m.severity).slice(0, 100) } : {}),
  }));
  return {
    category: 'secret',
    ruleId,
    title,
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers: [],
    aliases: [],
    location: placed.location,
    fix: { available: false, versions: [], state: 'unknown', advice: 'rotate the secret, then remove it from the code and the history' },
    secret: {
      ...(value !== undefined ? { hash: hashSecret(value, ctx.salt), preview: maskSecret(value) } : { preview: '****' }),
      ...(author ? { author } : {}),
      ...(committedAt ? { committedAt } : {}),
    },
    sources,
    ...(docsUrl ? { references: [docsUrl] } : {}),
    ...(suppression ? { suppression } : {}),
  };
}

export function parseSecretlint(content: string, ctx: ParseContext): ParseResult {
  const files = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  let notScanned = 0;

  files.forEach((raw, fileIndex) => {
    const file = SecretlintFileSchema.safeParse(raw);
    if (!file.success) {
      out.nativeCount++;
      out.skipped.push({ at: `[${fileIndex}]`, reason: describeIssues(file.error) });
      return;
    }
    const messages: SecretlintMessage[] = [];
    file.data.messages.forEach((rawMessage, messageIndex) => {
      const parsed = SecretlintMessageSchema.safeParse(rawMessage);
      if (!parsed.success) {
        out.nativeCount++;
        out.skipped.push({ at: `[${fileIndex}].messages[${messageIndex}]`, reason: describeIssues(parsed.error) });
        return;
      }
      if (parsed.data.ruleId === RUNNER_RULE_ID) {
        notScanned++;
        if (notScanned <= MAX_REASONS) out.incomplete.push(`secretlint did not scan ${file.data.filePath}: ${(parsed.data.message ?? 'no reason given').slice(0, 300)}`);
        return;
      }
      messages.push(parsed.data);
    });
    for (const group of groupOverlapping(messages)) {
      out.nativeCount++;
      out.findings.push(groupToDraft(group, file.data.filePath, file.data.sourceContent, file.data.gatehouse, ctx));
    }
  });

  if (notScanned > MAX_REASONS) out.incomplete.push(`secretlint did not scan ${notScanned - MAX_REASONS} more files`);
  const suppressed = out.findings.filter((f) => f.suppression).length;
  if (suppressed > 0) out.notes!.push(`${suppressed} secrets are under secretlint-disable or gitleaks:allow comments (kept as suppressed)`);
  const withoutValue = out.findings.filter((f) => !f.secret?.hash).length;
  if (withoutValue > 0) out.notes!.push(`${withoutValue} secrets could not be identified by value (masked report without source): identity falls back to the location`);
  return out;
}
