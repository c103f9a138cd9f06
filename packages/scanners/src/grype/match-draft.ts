import {
  canonicalVulnId,
  normaliseVulnId,
  pickBestRating,
  vulnIdentifier,
  type DraftWithHints,
  type Fix,
  type RatedSeverity,
  type Suppression,
} from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import type { RatedSeverityCache } from '../rated-severity-cache';
import { vulnerabilityIdsOf, type MatchGroup } from './match-groups';
import type { GrypeMatch, GrypeVulnerability } from './schema';
import { artifactLocation, categoryOf, type GrypeScanned } from './source';

const httpUrl = (u: unknown): u is string => typeof u === 'string' && /^https?:\/\//i.test(u);

/**
 * Severity from every record of the group: the CVSS vectors grype carries (its own record's and the
 * NVD records among the related vulnerabilities), scored by Gatehouse, then each record's label
 * (GHSA, the distro, NVD) as the vendor's. The best basis wins, the most severe among equals.
 */
function rating(group: MatchGroup, cache: RatedSeverityCache): RatedSeverity {
  const candidates: RatedSeverity[] = [];
  const rate = (v: GrypeVulnerability) =>
    candidates.push(
      cache.rate({
        vectors: (v.cvss ?? []).map((c) => ({ vector: c.vector, ...(c.source ? { source: c.source.slice(0, 200) } : {}) })),
        ...(v.severity ? { vendor: { label: v.severity, source: (v.namespace || 'grype').slice(0, 200) } } : {}),
      }),
    );
  for (const match of group.matches) {
    rate(match.vulnerability);
    for (const related of match.relatedVulnerabilities ?? []) rate(related);
  }
  return pickBestRating(candidates);
}

const FIX_STATES: Readonly<Record<string, Fix['state']>> = { fixed: 'fixed', 'not-fixed': 'not_fixed', 'wont-fix': 'wont_fix', unknown: 'unknown', '': 'unknown' };

function fixOfMatch(match: GrypeMatch): Fix {
  const fix = match.vulnerability.fix;
  const versions = [...new Set((fix?.versions ?? []).map((v) => v.trim()).filter(Boolean))].slice(0, 200).map((v) => v.slice(0, 300));
  const state = FIX_STATES[(fix?.state ?? '').toLowerCase()] ?? 'unknown';
  if (state === 'fixed' && versions.length > 0) return { available: true, versions, state };
  return { available: false, versions: [], state: state === 'fixed' ? 'unknown' : state };
}

const isCpeMatch = (m: GrypeMatch) => (m.matchDetails ?? []).length > 0 && (m.matchDetails ?? []).every((d) => d.type === 'cpe-match');

/**
 * One fix for the group. A package-specific record (GHSA, the distro's) says more than a CPE match
 * against NVD, whose "fixed in" is upstream's version, not the package's: CPE matches decide only
 * when there is nothing else. Among the records that decide, any fix wins (versions united); else
 * wont-fix, else not-fixed, else unknown.
 */
function fixOfGroup(group: MatchGroup, packageName: string): Fix {
  const specific = group.matches.filter((m) => !isCpeMatch(m));
  const deciding = (specific.length > 0 ? specific : group.matches).map(fixOfMatch);
  const fixed = deciding.filter((f) => f.available);
  if (fixed.length > 0) {
    const versions = [...new Set(fixed.flatMap((f) => f.versions))].slice(0, 200);
    return { available: true, versions, state: 'fixed', advice: `upgrade ${packageName} to ${versions.join(' or ')}`.slice(0, 2_000) };
  }
  for (const state of ['wont_fix', 'not_fixed'] as const) {
    if (deciding.some((f) => f.state === state)) return { available: false, versions: [], state, ...(state === 'wont_fix' ? { advice: 'the vendor will not fix this' } : {}) };
  }
  return { available: false, versions: [], state: 'unknown' };
}

/** EPSS, KEV, grype's risk score and how it matched: kept as tags for triage, never used to rate. */
function tagsOf(group: MatchGroup): string[] {
  const tags = new Set<string>();
  for (const m of group.matches) {
    for (const d of m.matchDetails ?? []) if (d.type) tags.add(`grype-match:${d.type}`);
    const v = m.vulnerability;
    for (const e of v.epss ?? []) {
      tags.add(`epss:${e.epss}`);
      if (e.percentile !== undefined) tags.add(`epss-percentile:${e.percentile}`);
    }
    for (const k of v.knownExploited ?? []) {
      tags.add('known-exploited');
      if (k.knownRansomwareCampaignUse && k.knownRansomwareCampaignUse.toLowerCase() === 'known') tags.add('known-ransomware-use');
    }
    if (typeof v.risk === 'number' && Number.isFinite(v.risk)) tags.add(`grype-risk:${Math.round(v.risk * 100) / 100}`);
    if (v.namespace) tags.add(`grype-namespace:${v.namespace}`);
  }
  return [...tags].map((t) => t.slice(0, 200)).slice(0, 100);
}

function firstSentence(text: string | undefined): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  const end = clean.search(/\.(\s|$)/);
  return (end > 0 ? clean.slice(0, end) : clean).slice(0, 300);
}

/** Draft of one vulnerability on one package (a group of grype matches). */
export function groupToDraft(group: MatchGroup, scanned: GrypeScanned, ctx: ParseContext, engineVersion: string | undefined, cache: RatedSeverityCache, suppression?: Suppression): DraftWithHints {
  const ids = [...new Set(group.matches.flatMap(vulnerabilityIdsOf))];
  const canonical = canonicalVulnId(ids) ?? normaliseVulnId(group.matches[0]!.vulnerability.id);
  const aliases = [canonical, ...ids.filter((id) => id !== canonical).sort()].slice(0, 200);
  const primary = group.matches.find((m) => normaliseVulnId(m.vulnerability.id) === canonical) ?? group.matches[0]!;
  const artifact = primary.artifact;
  const records = group.matches.flatMap((m) => [m.vulnerability, ...(m.relatedVulnerabilities ?? [])]);
  const description = [primary.vulnerability, ...records].map((v) => v.description).find((d) => d && d.trim() !== '');
  const title = firstSentence(description) ?? canonical;
  const rated = rating(group, cache);
  const fix = fixOfGroup(group, artifact.name);
  const placed = artifactLocation(artifact, scanned, ctx);
  const target = placed.location.kind === 'image' && placed.location.target ? ` in ${placed.location.target}` : '';
  const references = [...new Set(records.flatMap((v) => [v.dataSource, ...(v.urls ?? [])]).filter(httpUrl).map((u) => u.slice(0, 2_000)))].slice(0, 50);
  const message = `${artifact.name} ${artifact.version}${target}: ${title}${fix.available ? ` (fixed in ${fix.versions.join(', ')})` : ''}${placed.refused ? ` (manifest not used: ${placed.refused})` : ''}`;
  return {
    category: categoryOf(scanned),
    ruleId: canonical,
    title,
    message: message.replace(/\s+/g, ' ').trim(),
    severity: rated.severity,
    severityBasis: rated.severityBasis,
    identifiers: aliases.map(vulnIdentifier),
    aliases,
    location: placed.location,
    fix,
    sources: [
      {
        engine: 'grype',
        ...(engineVersion ? { engineVersion } : {}),
        nativeId: primary.vulnerability.id.slice(0, 1_000),
        ...(primary.vulnerability.severity ? { nativeSeverity: primary.vulnerability.severity.slice(0, 100) } : {}),
      },
    ],
    ...(references.length > 0 ? { references } : {}),
    tags: tagsOf(group),
    ...(suppression ? { suppression } : {}),
  };
}
