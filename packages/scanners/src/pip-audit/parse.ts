import { canonicalVulnId, normalisePypiName, ParseError, pypiPurl, vulnIdentifier, type DraftWithHints } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { manifestOf, originManifestOf } from '../manifests/dependency-context';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import { describeIssues } from '../zod-issues';
import { PipAuditDependencySchema, PipAuditVulnSchema, type PipAuditVuln } from './schema';

const isDependencyEntry = (v: unknown) => isJsonObject(v) && typeof v.name === 'string' && ('vulns' in v || 'skip_reason' in v || 'version' in v);

/**
 * The dependency list, from either shape, after checking it is pip-audit's: an object with only
 * `dependencies` (and, since 2.0, `fixes`), or a non-empty array of dependency entries. A
 * CycloneDX SBOM also has a `dependencies` array; it is refused, never read as "0 vulnerabilities".
 */
function dependenciesOf(doc: unknown, file: string): unknown[] {
  if (Array.isArray(doc)) {
    if (doc.length === 0) throw new ParseError('not a pip-audit JSON report: an empty array says nothing about which tool wrote it', file);
    if (!isDependencyEntry(doc[0])) throw new ParseError('not a pip-audit JSON report: entries have no "name" with "version", "vulns" or "skip_reason"', file);
    return doc;
  }
  if (!isJsonObject(doc) || !Array.isArray(doc.dependencies)) {
    throw new ParseError('not a pip-audit JSON report: expected {"dependencies": [...]} or (before 2.0) an array of dependencies', file);
  }
  const extra = Object.keys(doc).filter((k) => k !== 'dependencies' && k !== 'fixes');
  if (extra.length) throw new ParseError(`not a pip-audit JSON report: unexpected "${extra[0]!.slice(0, 50)}" next to "dependencies" (another tool's report?)`, file);
  if (doc.fixes !== undefined && !Array.isArray(doc.fixes)) throw new ParseError('not a pip-audit JSON report: "fixes" is not an array', file);
  const list = doc.dependencies;
  if (list.length === 0 && doc.fixes === undefined) throw new ParseError('not a pip-audit JSON report: an empty "dependencies" without pip-audit\'s "fixes"', file);
  if (list.length > 0 && !isDependencyEntry(list[0])) throw new ParseError('not a pip-audit JSON report: entries have no "name" with "version", "vulns" or "skip_reason"', file);
  return list;
}

function vulnToDraft(name: string, version: string, vuln: PipAuditVuln, manifest: string | undefined): DraftWithHints {
  // manifest: the file that pins this package (a -r include of the audited file, or the file itself).
  const ids = [vuln.id, ...(vuln.aliases ?? [])];
  const fixes = sortVersions('PyPI', vuln.fix_versions);
  const suggested = smallestFixingVersion('PyPI', version, fixes);
  const description = (vuln.description ?? '').replace(/\s+/g, ' ').trim();
  const title = description ? description.split(/(?<=\.)\s/)[0]!.slice(0, 300) : `${vuln.id} in ${name}`;
  return {
    category: 'sca',
    ruleId: canonicalVulnId(ids) ?? vuln.id,
    title,
    message: `${name} ${version}${manifest ? ` in ${manifest}` : ''} is affected by ${vuln.id}${vuln.aliases?.length ? ` (${vuln.aliases.join(', ')})` : ''}${
      fixes.length ? `; fixed in ${fixes.join(', ')}` : '; pip-audit names no fixed version'
    }.${description ? ` ${description}` : ''}`.slice(0, 20_000),
    // pip-audit rates nothing: unknown until an OSV record says otherwise (enrichFromOsvExport).
    severity: 'unknown',
    severityBasis: { kind: 'none' },
    identifiers: [...new Set(ids)].map(vulnIdentifier),
    aliases: [...new Set(ids)],
    location: { kind: 'package', purl: pypiPurl(name, version), ecosystem: 'PyPI', name, version, ...(manifest ? { manifest } : {}) },
    fix: {
      available: fixes.length > 0,
      versions: fixes.slice(0, 200),
      state: fixes.length > 0 ? 'fixed' : 'unknown',
      ...(suggested ? { advice: `upgrade ${name} to ${suggested}` } : {}),
    },
    sources: [{ engine: 'pip-audit', nativeId: vuln.id }],
  };
}

/**
 * pip-audit's JSON, both shapes: one finding per vulnerability per dependency. Dependencies pip-audit
 * skipped (`skip_reason`: not on PyPI, unresolvable) were not audited, so the run is incomplete with
 * their names. pip-audit gives no severity: findings stay `unknown` unless enriched from OSV records.
 */
export function parsePipAudit(content: string, ctx: ParseContext): ParseResult {
  const dependencies = dependenciesOf(readJsonReport(content, ctx.file), ctx.file);
  const manifest = manifestOf(ctx);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  dependencies.forEach((raw, index) => {
    const dep = PipAuditDependencySchema.safeParse(raw);
    if (!dep.success) {
      out.nativeCount += 1;
      out.skipped.push({ at: `dependencies[${index}]`, reason: describeIssues(dep.error) });
      return;
    }
    const { name, version, vulns, skip_reason } = dep.data;
    if (skip_reason !== undefined) {
      out.incomplete.push(`pip-audit did not audit ${name}: ${skip_reason.replace(/\s+/g, ' ').slice(0, 300)}`);
      return;
    }
    const list = vulns ?? [];
    out.nativeCount += list.length;
    if (!version) {
      for (let i = 0; i < list.length; i++) out.skipped.push({ at: `dependencies[${index}].vulns[${i}]`, reason: `${name} has no version` });
      return;
    }
    list.forEach((rawVuln, v) => {
      const vuln = PipAuditVulnSchema.safeParse(rawVuln);
      if (!vuln.success) out.skipped.push({ at: `dependencies[${index}].vulns[${v}]`, reason: describeIssues(vuln.error) });
      else out.findings.push(vulnToDraft(name, version, vuln.data, originManifestOf(ctx, 'PyPI', name, version)));
    });
  });
  const names = new Set(dependencies.filter(isJsonObject).map((d) => (typeof d.name === 'string' ? normalisePypiName(d.name) : '')));
  out.notes!.push(`pip-audit audited ${names.size} dependencies${manifest ? ` of ${manifest}` : ''}`);
  return out;
}
