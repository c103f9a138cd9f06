import {
  canonicalVulnId,
  normaliseVulnId,
  ParseError,
  severityFromCvssScore,
  toRepoPath,
  vulnIdentifier,
  type DraftWithHints,
  type Identifier,
  type RatedSeverity,
} from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { packageKey } from '../manifests/package-ref';
import { purlOfOsvPackage } from '../manifests/purl-parse';
import { rateOsvRecords } from '../osv-offline/osv-severity';
import { fixedVersionsOf } from '../versions/osv-range';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import { describeIssues } from '../zod-issues';
import { OsvScannerGroupSchema, OsvScannerPackageSchema, OsvScannerSourceSchema, OsvScannerVulnSchema, type OsvScannerGroup, type OsvScannerPackage, type OsvScannerVuln } from './schema';

function resultsOf(doc: unknown, file: string): unknown[] {
  if (!isJsonObject(doc) || !Array.isArray(doc.results)) throw new ParseError('not an osv-scanner JSON report: no "results" array', file);
  const first = doc.results[0];
  if (first !== undefined && !(isJsonObject(first) && isJsonObject(first.source) && Array.isArray(first.packages))) {
    throw new ParseError('not an osv-scanner JSON report: "results" entries have no "source" and "packages"', file);
  }
  if (doc.results.length === 0 && !isJsonObject(doc.experimental_config)) {
    // `{"results": []}` alone is also other tools' empty shape; osv-scanner always writes its config next to it.
    throw new ParseError('not an osv-scanner JSON report: empty "results" without osv-scanner\'s "experimental_config"', file);
  }
  return doc.results;
}

/** Groups from the report, or (reports before v1.2) one group per vulnerability's alias set. */
function groupsOf(pkg: OsvScannerPackage, vulns: OsvScannerVuln[], skip: (at: string, reason: string) => void, at: string): OsvScannerGroup[] {
  if (!pkg.groups) {
    const groups: OsvScannerGroup[] = [];
    const owner = new Map<string, OsvScannerGroup>();
    for (const vuln of vulns) {
      const ids = [vuln.id, ...(vuln.aliases ?? [])].map(normaliseVulnId);
      const existing = ids.map((id) => owner.get(id)).find((g) => g);
      const group = existing ?? { ids: [], aliases: [] };
      if (!existing) groups.push(group);
      group.ids.push(vuln.id);
      group.aliases = [...new Set([...(group.aliases ?? []), ...ids])];
      for (const id of ids) owner.set(id, group);
    }
    return groups;
  }
  const groups: OsvScannerGroup[] = [];
  pkg.groups.forEach((raw, index) => {
    const group = OsvScannerGroupSchema.safeParse(raw);
    if (group.success) groups.push(group.data);
    else skip(`${at}.groups[${index}]`, describeIssues(group.error));
  });
  return groups;
}

function fixedFor(vulns: OsvScannerVuln[], ecosystem: string, name: string): string[] {
  const key = packageKey(ecosystem, name);
  const fixed: string[] = [];
  for (const vuln of vulns) {
    for (const affected of vuln.affected ?? []) {
      if (!isJsonObject(affected) || !isJsonObject(affected.package)) continue;
      const { ecosystem: e, name: n } = affected.package;
      if (typeof e !== 'string' || typeof n !== 'string' || packageKey(e.split(':')[0]!, n) !== key) continue;
      if (Array.isArray(affected.ranges)) {
        fixed.push(...fixedVersionsOf({ ranges: affected.ranges.filter(isJsonObject).map((r) => ({ type: String(r.type), events: Array.isArray(r.events) ? r.events.filter(isJsonObject) : [] })) }));
      }
    }
  }
  return sortVersions(ecosystem, fixed);
}

function ratingOf(vulns: OsvScannerVuln[], group: OsvScannerGroup): RatedSeverity {
  const rating = rateOsvRecords(
    vulns.map((v) => {
      const label = isJsonObject(v.database_specific) && typeof v.database_specific.severity === 'string' ? v.database_specific.severity : undefined;
      return { id: v.id, severity: v.severity ?? [], ...(label ? { databaseSeverity: label } : {}) };
    }),
  );
  const max = group.max_severity !== undefined && group.max_severity !== '' ? Number(group.max_severity) : Number.NaN;
  if (rating.severityBasis.kind !== 'none' || !Number.isFinite(max)) return rating;
  // A score osv-scanner computed, without the vector it came from: its own rating, below any vector or label.
  return { severity: severityFromCvssScore(max), severityBasis: { kind: 'tool', label: `max_severity ${group.max_severity}`, source: 'osv-scanner' } };
}

interface Place {
  manifest?: string;
  sourceType?: string;
  refused?: string;
}

function groupDraft(pkg: OsvScannerPackage, vulns: OsvScannerVuln[], group: OsvScannerGroup, place: Place): DraftWithHints {
  const { name, version = '', ecosystem = 'unknown' } = pkg.package;
  const members = vulns.filter((v) => group.ids.includes(v.id));
  const ids = [...new Set([...group.ids, ...(group.aliases ?? []), ...members.flatMap((v) => v.aliases ?? [])].map(normaliseVulnId))];
  const rating = ratingOf(members, group);
  const fixed = fixedFor(members, ecosystem, name);
  const smallest = version ? smallestFixingVersion(ecosystem, version, fixed) : undefined;
  const titled = members.find((v) => v.id.startsWith('GHSA-') && v.summary) ?? members.find((v) => v.summary);
  const title = (titled?.summary ?? `${group.ids.join(', ')} in ${name}`).replace(/\s+/g, ' ').slice(0, 300);
  const identifiers: Identifier[] = ids.map(vulnIdentifier);
  for (const v of members) {
    const cwes = isJsonObject(v.database_specific) && Array.isArray(v.database_specific.cwe_ids) ? v.database_specific.cwe_ids : [];
    for (const cwe of cwes) if (typeof cwe === 'string' && /^CWE-\d{1,6}$/.test(cwe) && !identifiers.some((i) => i.value === cwe)) identifiers.push({ type: 'CWE', value: cwe });
  }
  const analysis = Object.entries(group.experimental_analysis ?? {});
  const tags = [
    ...(analysis.some(([, a]) => a.called === false) ? ['uncalled'] : analysis.some(([, a]) => a.called === true) ? ['called'] : []),
    ...(analysis.some(([, a]) => a.unimportant === true) ? ['unimportant'] : []),
    ...(pkg.dependency_groups ?? []).map((g) => `dependency-group:${g}`),
    ...(place.sourceType ? [`source:${place.sourceType}`] : []),
  ];
  const references = [...new Set(members.flatMap((v) => (v.references ?? []).map((r) => r.url)).filter((u) => /^https?:\/\//i.test(u)))].slice(0, 50);
  return {
    category: 'sca',
    ruleId: canonicalVulnId(ids) ?? group.ids[0]!,
    title,
    message: `${name} ${version || '(no version)'}${place.manifest ? ` in ${place.manifest}` : ''} is affected by ${group.ids.join(', ')} (${title})${
      smallest ? `; fixed in ${smallest}` : fixed.length ? `; fixed versions ${fixed.join(', ')}` : ''
    }.${place.refused ? ` (source path not used: ${place.refused})` : ''}`,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers,
    aliases: ids,
    location: { kind: 'package', purl: purlOfOsvPackage(ecosystem, name, version || undefined), ecosystem, name, version, ...(place.manifest ? { manifest: place.manifest } : {}) },
    fix: { available: fixed.length > 0, versions: fixed.slice(0, 200), state: fixed.length ? 'fixed' : 'unknown', ...(smallest ? { advice: `upgrade ${name} to ${smallest}` } : {}) },
    sources: [{ engine: 'osv-scanner', nativeId: group.ids.join(',').slice(0, 1_000), ...(group.max_severity ? { nativeSeverity: group.max_severity } : {}) }],
    ...(references.length ? { references } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/**
 * License violations (osv-scanner run with a license allowlist) are findings of their own: category
 * sca, rule `license-violation`, one per package, severity unknown (osv-scanner rates none; the
 * policy decides — by default unknown counts as high, as osv-scanner's own exit code 1 does).
 */
function licenseDraft(pkg: OsvScannerPackage, licenses: string[], place: Place): DraftWithHints {
  const { name, version = '', ecosystem = 'unknown' } = pkg.package;
  return {
    category: 'sca',
    ruleId: 'license-violation',
    title: 'License not in the allowlist',
    message: `${name} ${version || '(no version)'}${place.manifest ? ` in ${place.manifest}` : ''} is licensed ${licenses.join(', ')}, which the license allowlist does not allow.`,
    severity: 'unknown',
    severityBasis: { kind: 'none' },
    identifiers: [],
    aliases: [],
    location: { kind: 'package', purl: purlOfOsvPackage(ecosystem, name, version || undefined), ecosystem, name, version, ...(place.manifest ? { manifest: place.manifest } : {}) },
    fix: { available: false, versions: [], state: 'unknown' },
    sources: [{ engine: 'osv-scanner', nativeId: `license:${licenses.join(',')}`.slice(0, 1_000) }],
    tags: ['license', ...licenses.map((l) => `license:${l}`.slice(0, 200))],
  };
}

/**
 * osv-scanner's JSON, v1 and v2: one finding per package per alias group (the `groups[]` osv-scanner
 * computed, or alias sets for reports without groups), severity from the OSV records' CVSS vectors
 * (then the database's label, then osv-scanner's own max_severity), fix versions from the records'
 * ranges. Call analysis is kept as a tag (`called` / `uncalled`, `unimportant`); license violations
 * are findings (see licenseDraft); deprecated packages are noted, not findings.
 */
export function parseOsvScanner(content: string, ctx: ParseContext): ParseResult {
  const results = resultsOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const deprecated: string[] = [];
  const skip = (at: string, reason: string) => {
    out.nativeCount += 1;
    out.skipped.push({ at, reason });
  };
  results.forEach((rawResult, r) => {
    const source = isJsonObject(rawResult) ? OsvScannerSourceSchema.safeParse(rawResult.source) : undefined;
    const packages = isJsonObject(rawResult) && Array.isArray(rawResult.packages) ? rawResult.packages : [];
    const place: Place = {};
    if (source?.success) {
      const resolved = toRepoPath(source.data.path, ctx.workspace);
      if (resolved.ok) place.manifest = resolved.path;
      else place.refused = `${source.data.path.slice(0, 200)}: ${resolved.reason}`;
      if (source.data.type) place.sourceType = source.data.type;
    }
    packages.forEach((rawPkg, p) => {
      const at = `results[${r}].packages[${p}]`;
      const pkg = OsvScannerPackageSchema.safeParse(rawPkg);
      if (!pkg.success) {
        skip(at, describeIssues(pkg.error));
        return;
      }
      if (pkg.data.package.deprecated) deprecated.push(`${pkg.data.package.name}@${pkg.data.package.version ?? '?'}`);
      const vulns: OsvScannerVuln[] = [];
      (pkg.data.vulnerabilities ?? []).forEach((rawVuln, v) => {
        const vuln = OsvScannerVulnSchema.safeParse(rawVuln);
        if (vuln.success) vulns.push(vuln.data);
        else out.notes!.push(`${at}.vulnerabilities[${v}] could not be read (${describeIssues(vuln.error)}); its group is reported without its details`);
      });
      for (const group of groupsOf(pkg.data, vulns, skip, at)) {
        out.nativeCount += 1;
        out.findings.push(groupDraft(pkg.data, vulns, group, place));
      }
      const violations = pkg.data.license_violations ?? [];
      if (violations.length) {
        out.nativeCount += 1;
        out.findings.push(licenseDraft(pkg.data, violations, place));
      }
    });
  });
  if (deprecated.length) out.notes!.push(`${deprecated.length} packages are deprecated by their registry (not findings): ${deprecated.slice(0, 20).join(', ')}`);
  return out;
}
