import { ParseError, type DraftWithHints } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { codeLocation } from '../code-location';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { HARDENING_TOOL, HardeningErrorSchema, HardeningReportSchema, HardeningResultSchema, type HardeningResult } from './report';

const MAX_REASONS = 20;

function resultToDraft(result: HardeningResult, ctx: ParseContext): DraftWithHints {
  const placed = codeLocation({ path: result.path, startLine: result.startLine, endLine: result.endLine }, ctx);
  const location = placed.location.kind === 'code' && result.contextHash ? { ...placed.location, contextHash: result.contextHash } : placed.location;
  return {
    category: 'iac',
    ruleId: result.ruleId,
    title: result.title,
    message: placed.refused ? `${result.message} (location not used: ${placed.refused})` : result.message,
    severity: result.severity,
    severityBasis: { kind: 'tool', label: result.severity.toUpperCase(), source: 'container-hardening' },
    identifiers: [{ type: 'RULE', value: result.ruleId }],
    aliases: [],
    location,
    fix: { available: false, versions: [], state: 'unknown', advice: result.advice },
    sources: [{ engine: 'container-hardening', nativeId: result.ruleId, nativeSeverity: result.severity }],
    tags: [`rule:${result.rule}`],
  };
}

/** Reads the engine's own report (report.ts). Its errors (files it could not check) make the scan incomplete. */
export function parseContainerHardening(content: string, ctx: ParseContext): ParseResult {
  const raw = readJsonReport(content, ctx.file);
  if (!isJsonObject(raw) || raw.tool !== HARDENING_TOOL) {
    throw new ParseError(`not a container-hardening report: expected an object with "tool": "${HARDENING_TOOL}"`, ctx.file);
  }
  const doc = HardeningReportSchema.safeParse(raw);
  if (!doc.success) throw new ParseError(`container-hardening report: ${describeIssues(doc.error)}`, ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: doc.data.results.length, notes: [] };
  doc.data.results.forEach((entry, index) => {
    const parsed = HardeningResultSchema.safeParse(entry);
    if (parsed.success) out.findings.push(resultToDraft(parsed.data, ctx));
    else out.skipped.push({ at: `results[${index}]`, reason: describeIssues(parsed.error) });
  });
  const errors = doc.data.errors.map((entry, index) => {
    const parsed = HardeningErrorSchema.safeParse(entry);
    return parsed.success ? `container-hardening could not check ${parsed.data.path}: ${parsed.data.message}` : `container-hardening: errors[${index}] could not be read`;
  });
  out.incomplete.push(...errors.slice(0, MAX_REASONS));
  if (errors.length > MAX_REASONS) out.incomplete.push(`container-hardening could not check ${errors.length - MAX_REASONS} more files`);
  const off = doc.data.rules.filter((r) => !r.enabled).map((r) => r.key);
  if (off.length > 0) out.notes!.push(`container-hardening rules switched off: ${off.join(', ')}`);
  out.notes!.push(`container-hardening checked ${doc.data.scanned.length} Dockerfiles and compose files`);
  return out;
}
