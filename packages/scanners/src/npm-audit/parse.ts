import { canonicalVulnId, compiledSafeParse, npmPurl, ParseError, rateSeverity, vulnIdentifier, type DraftWithHints, type Fix, type Identifier } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { indexOf, manifestOf, packagesOf } from '../manifests/dependency-context';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import { describeIssues } from '../zod-issues';
import { cweIds, fixedVersionsOfRange, ghsaFromUrl, patchedVersionsOfRange } from './advisory-ids';
import { NpmAdvisoryViaSchema, NpmLegacyAdvisorySchema, NpmVulnerabilitySchema, type NpmAdvisoryVia, type NpmFixAvailable, type NpmLegacyAdvisory } from './schema';

// Entries are checked by validators compiled from the zod schemas (zod itself explains a refused entry).
const parseVulnerability = compiledSafeParse(NpmVulnerabilitySchema);
const parseAdvisoryVia = compiledSafeParse(NpmAdvisoryViaSchema);
const parseLegacyAdvisory = compiledSafeParse(NpmLegacyAdvisorySchema);

type Shape = { kind: 'v2'; doc: Record<string, unknown> & { vulnerabilities: Record<string, unknown> } } | { kind: 'v1'; doc: Record<string, unknown> & { advisories: Record<string, unknown> } } | { kind: 'error'; error: Record<string, unknown> };

function shapeOf(doc: unknown, file: string): Shape {
  if (!isJsonObject(doc)) throw new ParseError(`not an npm audit JSON report: expected an object, found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  if (doc.auditReportVersion !== undefined) {
    if (doc.auditReportVersion !== 2) throw new ParseError(`npm audit report version ${JSON.stringify(doc.auditReportVersion)} is not one Gatehouse reads (2)`, file);
    if (!isJsonObject(doc.vulnerabilities)) throw new ParseError('not an npm audit JSON report: no "vulnerabilities" object', file);
    return { kind: 'v2', doc: doc as Record<string, unknown> & { vulnerabilities: Record<string, unknown> } };
  }
  if (isJsonObject(doc.advisories) && (isJsonObject(doc.metadata) || Array.isArray(doc.actions))) return { kind: 'v1', doc: doc as Record<string, unknown> & { advisories: Record<string, unknown> } };
  if (isJsonObject(doc.error) && (typeof doc.error.code === 'string' || typeof doc.error.summary === 'string')) return { kind: 'error', error: doc.error };
  throw new ParseError('not an npm audit JSON report: no "auditReportVersion": 2, no npm 6 "advisories", no npm "error"', file);
}

/** Installed versions of a package, from the lockfile's entries for the node paths npm names. */
function installedVersions(ctx: ParseContext, name: string, nodes: readonly string[]): string[] {
  const packages = packagesOf(ctx);
  const { byPath } = indexOf(packages);
  const versions = new Set<string>();
  for (const node of nodes) {
    const version = byPath.get(node)?.version;
    if (version) versions.add(version);
  }
  // No node path matched (an npm 6 lockfile has paths too, but a report may come from elsewhere): by name.
  if (versions.size === 0 && nodes.length === 0) for (const p of packages) if (p.name === name) versions.add(p.version);
  return sortVersions('npm', versions);
}

function fixFrom(name: string, versions: string[], vulnerableRange: string | undefined, fixAvailable: NpmFixAvailable | undefined): Fix {
  const fixed = sortVersions('npm', fixedVersionsOfRange(vulnerableRange));
  const highest = versions.at(-1);
  const smallest = highest ? smallestFixingVersion('npm', highest, fixed) : fixed[0];
  let advice: string | undefined;
  if (isJsonObject(fixAvailable)) {
    advice = `upgrade ${fixAvailable.name} to ${fixAvailable.version}${fixAvailable.isSemVerMajor ? ' (a semver-major change: npm audit fix --force)' : ''}`;
  } else if (fixAvailable === true) {
    advice = smallest ? `upgrade ${name} to ${smallest} (npm audit fix)` : 'npm audit fix';
  } else if (smallest) {
    advice = `upgrade ${name} to ${smallest} (npm cannot do it without changing a parent dependency)`;
  }
  const available = fixed.length > 0 || (fixAvailable !== undefined && fixAvailable !== false);
  return { available, versions: fixed.slice(0, 200), state: available ? 'fixed' : 'unknown', ...(advice ? { advice } : {}) };
}

function advisoryDraft(
  via: NpmAdvisoryVia,
  entry: { name: string; nodes?: string[]; isDirect?: boolean; effects?: string[]; fixAvailable?: NpmFixAvailable },
  ctx: ParseContext,
): DraftWithHints {
  const name = via.name;
  const manifest = manifestOf(ctx);
  const versions = installedVersions(ctx, name, entry.nodes ?? []);
  const ghsa = ghsaFromUrl(via.url);
  const npmId = `npm-advisory-${String(via.source)}`;
  const source = ghsa ? 'ghsa' : 'npm';
  const vector = via.cvss?.vectorString ?? undefined;
  const rating = rateSeverity({ ...(vector ? { vectors: [{ vector, source }] } : {}), ...(via.severity ? { vendor: { label: via.severity, source } } : {}) });
  const identifiers: Identifier[] = [...(ghsa ? [vulnIdentifier(ghsa)] : []), { type: 'RULE', value: npmId, ...(via.url && /^https:\/\//.test(via.url) ? { url: via.url } : {}) }];
  for (const cwe of cweIds(via.cwe)) identifiers.push({ type: 'CWE', value: cwe });
  const title = (via.title ?? `npm advisory ${String(via.source)}`).replace(/\s+/g, ' ').slice(0, 300);
  const fix = fixFrom(name, versions, via.range, entry.fixAvailable);
  const version = versions[0] ?? '';
  const installed = versions.length ? versions.join(', ') : 'installed version not known (npm audit reports ranges; give the lockfile)';
  const pulledIn = (entry.effects ?? []).length ? `; depended on by ${(entry.effects ?? []).slice(0, 10).join(', ')}` : '';
  return {
    category: 'sca',
    ruleId: ghsa ?? canonicalVulnId([npmId]) ?? npmId,
    title,
    message: `${name} ${installed}${manifest ? ` in ${manifest}` : ''}: ${title} (${ghsa ?? `npm advisory ${String(via.source)}`}); vulnerable versions ${via.range ?? 'not stated'}${pulledIn}${fix.advice ? `; ${fix.advice}` : ''}.`,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers,
    aliases: ghsa ? [ghsa] : [],
    location: {
      kind: 'package',
      purl: npmPurl(name, version || undefined),
      ecosystem: 'npm',
      name,
      version,
      ...(manifest ? { manifest } : {}),
      ...(versions.length > 1 ? { installedVersions: versions } : {}),
    },
    fix,
    sources: [{ engine: 'npm-audit', nativeId: String(via.source).slice(0, 200), ...(via.severity ? { nativeSeverity: via.severity } : {}) }],
    ...(via.url && /^https:\/\//.test(via.url) ? { references: [via.url] } : {}),
    tags: [entry.isDirect ? 'direct' : 'transitive'],
  };
}

function parseV2(doc: Record<string, unknown> & { vulnerabilities: Record<string, unknown> }, ctx: ParseContext, out: ParseResult): void {
  const metavulns: string[] = [];
  const severities: Record<string, number> = {};
  for (const [key, raw] of Object.entries(doc.vulnerabilities)) {
    const at = `vulnerabilities[${JSON.stringify(key.slice(0, 200))}]`;
    const entry = parseVulnerability(raw);
    if (!entry.success) {
      const viaObjects = isJsonObject(raw) && Array.isArray(raw.via) ? raw.via.filter(isJsonObject).length : 1;
      out.nativeCount += Math.max(viaObjects, 1);
      for (let i = 0; i < Math.max(viaObjects, 1); i++) out.skipped.push({ at, reason: describeIssues(entry.error) });
      continue;
    }
    if (entry.data.severity) severities[entry.data.severity] = (severities[entry.data.severity] ?? 0) + 1;
    const advisories = entry.data.via.filter((v) => typeof v !== 'string');
    if (advisories.length === 0) {
      metavulns.push(entry.data.name);
      continue;
    }
    const seen = new Set<string>();
    advisories.forEach((rawVia, index) => {
      const via = parseAdvisoryVia(rawVia);
      const id = isJsonObject(rawVia) ? String(rawVia.source ?? `#${index}`) : `#${index}`;
      if (seen.has(id)) return;
      seen.add(id);
      out.nativeCount += 1;
      if (!via.success) out.skipped.push({ at: `${at}.via[${index}]`, reason: describeIssues(via.error) });
      else out.findings.push(advisoryDraft(via.data, entry.data, ctx));
    });
  }
  if (metavulns.length) {
    out.notes!.push(`${metavulns.length} packages are vulnerable only through their dependencies (not findings of their own): ${metavulns.slice(0, 20).join(', ')}${metavulns.length > 20 ? ', …' : ''}`);
  }
  const meta = isJsonObject(doc.metadata) && isJsonObject(doc.metadata.vulnerabilities) ? doc.metadata.vulnerabilities : undefined;
  if (meta) {
    const entries = Object.keys(doc.vulnerabilities).length;
    const mismatched = ['info', 'low', 'moderate', 'high', 'critical'].filter((s) => typeof meta[s] === 'number' && meta[s] !== (severities[s] ?? 0));
    if ((typeof meta.total === 'number' && meta.total !== entries) || mismatched.length) {
      out.notes!.push(`npm audit's metadata counts (${JSON.stringify(meta)}) do not match its ${entries} entries; the entries are what counts`);
    }
  }
}

function legacyDraft(advisory: NpmLegacyAdvisory, ctx: ParseContext): DraftWithHints {
  const name = advisory.module_name;
  const manifest = manifestOf(ctx);
  const versions = sortVersions('npm', (advisory.findings ?? []).map((f) => f.version));
  const ghsa = advisory.github_advisory_id ?? ghsaFromUrl(advisory.url);
  const ids = [...(advisory.cves ?? []), ...(ghsa ? [ghsa] : [])];
  const npmId = `npm-advisory-${String(advisory.id)}`;
  const rating = rateSeverity(advisory.severity ? { vendor: { label: advisory.severity, source: 'npm' } } : {});
  const fixed = sortVersions('npm', patchedVersionsOfRange(advisory.patched_versions));
  const smallest = versions.length ? smallestFixingVersion('npm', versions.at(-1)!, fixed) : fixed[0];
  const title = (advisory.title ?? npmId).replace(/\s+/g, ' ').slice(0, 300);
  const identifiers: Identifier[] = [...ids.map(vulnIdentifier), { type: 'RULE', value: npmId }, ...cweIds(advisory.cwe).map((c): Identifier => ({ type: 'CWE', value: c }))];
  return {
    category: 'sca',
    ruleId: canonicalVulnId(ids) ?? npmId,
    title,
    message: `${name} ${versions.join(', ') || 'of unknown version'}${manifest ? ` in ${manifest}` : ''}: ${title}; vulnerable ${advisory.vulnerable_versions ?? 'versions not stated'}, patched ${advisory.patched_versions ?? 'in no version'}.`,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers,
    aliases: ids,
    location: { kind: 'package', purl: npmPurl(name, versions[0]), ecosystem: 'npm', name, version: versions[0] ?? '', ...(manifest ? { manifest } : {}), ...(versions.length > 1 ? { installedVersions: versions } : {}) },
    fix: { available: fixed.length > 0, versions: fixed, state: fixed.length > 0 ? 'fixed' : 'unknown', ...(smallest ? { advice: `upgrade ${name} to ${smallest}` } : {}) },
    sources: [{ engine: 'npm-audit', nativeId: String(advisory.id).slice(0, 200), ...(advisory.severity ? { nativeSeverity: advisory.severity } : {}) }],
    ...(advisory.url && /^https:\/\//.test(advisory.url) ? { references: [advisory.url] } : {}),
  };
}

/**
 * `npm audit --json`: report version 2 (npm ≥ 7), one finding per advisory per package (a package
 * vulnerable only through a dependency — `via` holding package names only — is a note, not a
 * finding); npm 6's `advisories` report, one finding per advisory; and npm's own error document
 * (`{"error": {...}}`, e.g. ENOLOCK or a registry failure), which makes the run incomplete.
 * `fixAvailable` true / false / {name, version, isSemVerMajor} becomes the fix advice; metadata
 * counts that disagree with the entries are tolerated and noted.
 */
export function parseNpmAudit(content: string, ctx: ParseContext): ParseResult {
  const shape = shapeOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  if (shape.kind === 'error') {
    const { code, summary, detail } = shape.error;
    out.incomplete.push(`npm audit failed${typeof code === 'string' ? ` (${code.slice(0, 50)})` : ''}: ${[summary, detail].filter((s) => typeof s === 'string' && s).join(' ').replace(/\s+/g, ' ').slice(0, 500) || 'no reason given'}`);
    return out;
  }
  if (shape.kind === 'v2') {
    parseV2(shape.doc, ctx, out);
    return out;
  }
  for (const [key, raw] of Object.entries(shape.doc.advisories)) {
    out.nativeCount += 1;
    const advisory = parseLegacyAdvisory(raw);
    if (!advisory.success) out.skipped.push({ at: `advisories[${JSON.stringify(key.slice(0, 100))}]`, reason: describeIssues(advisory.error) });
    else out.findings.push(legacyDraft(advisory.data, ctx));
  }
  return out;
}
