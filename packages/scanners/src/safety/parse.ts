import { canonicalVulnId, ParseError, pypiPurl, rateSeverity, vulnIdentifier, type DraftWithHints } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { originManifestOf } from '../manifests/dependency-context';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import { describeIssues } from '../zod-issues';
import { SafetyVulnSchema, type SafetyVuln } from './schema';

type Entry = { at: string; raw: unknown; ignoredList: boolean };

function entriesOf(doc: unknown, file: string): Entry[] {
  if (isJsonObject(doc) && isJsonObject(doc.report_meta) && Array.isArray(doc.vulnerabilities)) {
    const ignored = Array.isArray(doc.ignored_vulnerabilities) ? doc.ignored_vulnerabilities : [];
    return [
      ...doc.vulnerabilities.map((raw, i) => ({ at: `vulnerabilities[${i}]`, raw, ignoredList: false })),
      ...ignored.map((raw, i) => ({ at: `ignored_vulnerabilities[${i}]`, raw, ignoredList: true })),
    ];
  }
  if (isJsonObject(doc) && isJsonObject(doc.scan_results)) throw new ParseError('a safety 3 `scan` report: Gatehouse reads safety 1.x and 2.x JSON (`safety check --json`)', file);
  // safety 1.x: [[name, spec, version, advisory, id, {cvssv2, cvssv3}?], ...]
  if (Array.isArray(doc) && doc.length > 0 && doc.every((e) => Array.isArray(e) && e.length >= 5 && typeof e[0] === 'string' && typeof e[4] === 'string')) {
    return (doc as unknown[][]).map((e, i) => ({
      at: `[${i}]`,
      raw: { package_name: e[0], vulnerable_spec: e[1], analyzed_version: e[2], advisory: e[3], vulnerability_id: e[4], ...(isJsonObject(e[5]) ? { severity: e[5] } : {}) },
      ignoredList: false,
    }));
  }
  throw new ParseError('not a safety JSON report: expected safety 2.x\'s {"report_meta", "vulnerabilities"} or safety 1.x\'s array of [name, spec, version, advisory, id]', file);
}

function cvssVectors(v: SafetyVuln): { vector: string; source: string }[] {
  const out: { vector: string; source: string }[] = [];
  const source = (v.severity?.source ?? 'safety').toLowerCase().startsWith('cve-') ? 'nvd' : 'safety';
  for (const block of [v.severity?.cvssv3, v.severity?.cvssv2, isJsonObject(v.CVE) ? v.CVE.cvssv3 : undefined, isJsonObject(v.CVE) ? v.CVE.cvssv2 : undefined]) {
    if (block?.vector_string) out.push({ vector: block.vector_string, source });
  }
  return out;
}

function vulnDraft(v: SafetyVuln, ignoredList: boolean, ctx: ParseContext): DraftWithHints {
  const name = v.package_name;
  const version = v.analyzed_version ?? '';
  const manifest = originManifestOf(ctx, 'PyPI', name, version);
  const cve = typeof v.CVE === 'string' ? v.CVE : v.CVE?.name ?? undefined;
  const safetyId = `pyup-${String(v.vulnerability_id)}`;
  const label = v.severity?.cvssv3?.base_severity ?? (isJsonObject(v.CVE) ? v.CVE.cvssv3?.base_severity : undefined) ?? undefined;
  const rating = rateSeverity({ vectors: cvssVectors(v), ...(label ? { vendor: { label, source: 'safety' } } : {}) });
  const fixes = sortVersions('PyPI', (v.fixed_versions ?? []).filter((f) => f.trim() !== ''));
  const closest = (v.closest_versions_without_known_vulnerabilities ?? []).filter((f) => f.trim() !== '');
  const suggested = (version && smallestFixingVersion('PyPI', version, fixes)) || closest[0];
  const spec = Array.isArray(v.vulnerable_spec) ? v.vulnerable_spec.join(' || ') : (v.vulnerable_spec ?? 'not stated');
  const advisory = (v.advisory ?? '').replace(/\s+/g, ' ').trim();
  const ignored = ignoredList || v.ignored === true;
  return {
    category: 'sca',
    ruleId: cve ? (canonicalVulnId([cve]) ?? safetyId) : safetyId,
    title: (advisory.split(/(?<=\.)\s/)[0] || `safety advisory ${String(v.vulnerability_id)} in ${name}`).slice(0, 300),
    message: `${name} ${version || '(version not stated)'}${manifest ? ` in ${manifest}` : ''} matches safety advisory ${String(v.vulnerability_id)}${cve ? ` (${cve})` : ''}: vulnerable ${spec}.${advisory ? ` ${advisory}` : ''}`.slice(0, 20_000),
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers: [...(cve ? [vulnIdentifier(cve)] : []), { type: 'RULE', value: safetyId, ...(v.more_info_url && /^https:\/\//.test(v.more_info_url) ? { url: v.more_info_url } : {}) }],
    aliases: cve ? [cve] : [],
    location: { kind: 'package', purl: pypiPurl(name, version || undefined), ecosystem: 'PyPI', name, version, ...(manifest ? { manifest } : {}) },
    fix: { available: fixes.length > 0 || closest.length > 0, versions: fixes.slice(0, 200), state: fixes.length || closest.length ? 'fixed' : 'unknown', ...(suggested ? { advice: `upgrade ${name} to ${suggested}` } : {}) },
    sources: [{ engine: 'safety', nativeId: String(v.vulnerability_id), ...(label ? { nativeSeverity: label } : {}) }],
    ...(v.is_transitive !== undefined && v.is_transitive !== null ? { tags: [v.is_transitive ? 'transitive' : 'direct'] } : {}),
    ...(ignored
      ? { suppression: { kind: 'exception' as const, reason: `ignored in safety's own policy${v.ignored_reason ? `: ${v.ignored_reason.slice(0, 500)}` : ''} (not a Gatehouse exception)`, ref: 'safety policy' } }
      : {}),
  };
}

/**
 * safety's JSON (parse-only, for `gatehouse normalize --from safety`): 2.x reports (CVE as a string
 * or an object, severity object or null, polymorphic vulnerable_spec) and 1.x arrays. One finding
 * per vulnerability; vulnerabilities safety's policy ignored are kept as suppressed findings.
 */
export function parseSafety(content: string, ctx: ParseContext): ParseResult {
  const entries = entriesOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: entries.length, notes: [] };
  for (const { at, raw, ignoredList } of entries) {
    const parsed = SafetyVulnSchema.safeParse(raw);
    if (!parsed.success) out.skipped.push({ at, reason: describeIssues(parsed.error) });
    else out.findings.push(vulnDraft(parsed.data, ignoredList, ctx));
  }
  return out;
}
