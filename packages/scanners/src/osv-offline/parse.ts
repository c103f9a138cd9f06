import { canonicalVulnId, ParseError, vulnIdentifier, type DraftWithHints, type Identifier } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { rateOsvRecords } from './osv-severity';
import { OSV_OFFLINE_FORMAT, OsvOfflineReportSchema, ReportResultSchema, type ReportGroup, type ReportResult } from './report-schema';

function checkSignature(doc: unknown, file: string) {
  if (!isJsonObject(doc) || doc.format !== OSV_OFFLINE_FORMAT) {
    throw new ParseError(`not an osv-offline report: expected an object with "format": "${OSV_OFFLINE_FORMAT}"`, file);
  }
  const parsed = OsvOfflineReportSchema.safeParse(doc);
  if (!parsed.success) throw new ParseError(`not a valid osv-offline report: ${describeIssues(parsed.error)}`, file);
  return parsed.data;
}

function titleOf(group: ReportGroup, name: string): string {
  // The GitHub advisory's summary is written as a title; PYSEC records only have details.
  const ghsa = group.vulnerabilities.find((v) => v.id.startsWith('GHSA-') && v.summary);
  const summary = (ghsa ?? group.vulnerabilities.find((v) => v.summary))?.summary;
  return (summary ?? `Vulnerability in ${name}`).replace(/\s+/g, ' ').slice(0, 300);
}

export function groupToDraft(result: ReportResult, group: ReportGroup): DraftWithHints {
  const pkg = result.package;
  const ids = [...new Set([...group.ids, ...group.aliases])];
  const ruleId = canonicalVulnId(ids) ?? group.ids[0]!;
  const rating = rateOsvRecords(group.vulnerabilities.map((v) => ({ id: v.id, severity: v.severity, ...(v.databaseSeverity ? { databaseSeverity: v.databaseSeverity } : {}) })));
  const identifiers: Identifier[] = ids.map(vulnIdentifier);
  for (const cwe of new Set(group.vulnerabilities.flatMap((v) => v.cwes ?? []))) identifiers.push({ type: 'CWE', value: cwe });
  const fixText = group.smallestFix
    ? `; fixed in ${group.smallestFix}`
    : group.fixed.length
      ? `; fixed versions ${group.fixed.join(', ')} (none above ${pkg.version} leaves every affected range)`
      : group.lastAffected.length
        ? `; no fix named (last affected ${group.lastAffected.join(', ')})`
        : '; no fixed version is known';
  const title = titleOf(group, pkg.name);
  const state = group.fixed.length ? 'fixed' : group.lastAffected.length ? 'unknown' : 'not_fixed';
  const references = [...new Set(group.vulnerabilities.flatMap((v) => v.references ?? []))].slice(0, 50);
  const tags = [pkg.direct === true ? 'direct' : pkg.direct === false ? 'transitive' : undefined, pkg.dev ? 'dev' : undefined].filter((t): t is string => !!t);
  return {
    category: 'sca',
    ruleId,
    title,
    message: `${pkg.name} ${pkg.version} in ${pkg.manifest} is affected by ${group.ids.join(', ')} (${title})${fixText}.`,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers,
    aliases: group.aliases,
    location: { kind: 'package', purl: pkg.purl, ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version, manifest: pkg.manifest },
    fix: {
      available: group.fixed.length > 0,
      versions: group.fixed.slice(0, 200),
      state,
      ...(group.smallestFix ? { advice: `upgrade ${pkg.name} to ${group.smallestFix}` } : {}),
    },
    sources: [
      {
        engine: 'osv-offline',
        nativeId: group.ids.join(',').slice(0, 1_000),
        ...(group.vulnerabilities.find((v) => v.databaseSeverity)?.databaseSeverity ? { nativeSeverity: group.vulnerabilities.find((v) => v.databaseSeverity)!.databaseSeverity! } : {}),
      },
    ],
    ...(references.length ? { references } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/**
 * osv-offline's own report (see report-schema.ts): one finding per package version per alias group,
 * with the records' CVSS vectors scored, the database's label as the fallback, and the smallest fix
 * as advice. The report's `incomplete` list (unread manifests or records, ecosystems the export does
 * not cover, records that could not be evaluated) is passed on as is.
 */
export function parseOsvOffline(content: string, ctx: ParseContext): ParseResult {
  const report = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [...report.incomplete], nativeCount: 0, engineVersion: report.engineVersion, notes: [...report.notes] };
  report.results.forEach((raw, index) => {
    const groups = isJsonObject(raw) && Array.isArray(raw.groups) ? raw.groups.length : 1;
    out.nativeCount += Math.max(groups, 1);
    const parsed = ReportResultSchema.safeParse(raw);
    if (!parsed.success) {
      for (let i = 0; i < Math.max(groups, 1); i++) out.skipped.push({ at: `results[${index}]`, reason: describeIssues(parsed.error) });
      return;
    }
    for (const group of parsed.data.groups) out.findings.push(groupToDraft(parsed.data, group));
  });
  const db = report.database;
  out.notes!.push(`OSV export ${db.source}: ${db.recordsSeen} records (${db.ecosystems.join(', ') || 'no ecosystem'})${db.latestRecordModified ? `, latest modified ${db.latestRecordModified}` : ''}`);
  return out;
}
