import { cvssFromVector } from './cvss';
import type { Cvss, SeverityBasis } from './schema';
import { compareSeverity, severityFromCvssScore, severityFromLabel, type Severity } from './severity';

/**
 * Severity precedence: the best CVSS base score (v4, then v3.1/3.0, then v2), then the vendor's
 * label (an advisory database), then the tool's own label, then a per-category default. Nothing is
 * invented: with none of these the severity is `unknown`.
 */
export function basisRank(basis: SeverityBasis): number {
  switch (basis.kind) {
    case 'cvss':
      return { '4.0': 7, '3.1': 6, '3.0': 6, '2.0': 5 }[basis.cvss.version];
    case 'vendor':
      return 4;
    case 'tool':
      return 3;
    case 'default':
      return 2;
    case 'none':
      return 0;
  }
}

export interface RatedSeverity {
  severity: Severity;
  severityBasis: SeverityBasis;
}

/** Of several candidate ratings, the one with the best basis; among equal bases, the most severe. */
export function pickBestRating(candidates: readonly RatedSeverity[]): RatedSeverity {
  let best: RatedSeverity = { severity: 'unknown', severityBasis: { kind: 'none' } };
  for (const c of candidates) {
    const byBasis = basisRank(c.severityBasis) - basisRank(best.severityBasis);
    if (byBasis > 0 || (byBasis === 0 && compareSeverity(c.severity, best.severity) > 0)) best = c;
  }
  return best;
}

export function ratingFromCvss(cvss: Cvss): RatedSeverity {
  return { severity: severityFromCvssScore(cvss.score), severityBasis: { kind: 'cvss', cvss } };
}

/** Inputs an adapter may have for one finding; any may be missing. */
export interface SeverityEvidence {
  /** CVSS vectors with the source that published each. Scores are computed, never copied. */
  vectors?: readonly { vector: string; source?: string }[];
  /** Advisory database's label (NVD, GHSA, a distro). */
  vendor?: { label: string; source: string };
  /** The scanner's own label. */
  tool?: { label: string; source: string };
  /** Only for engines that have no severity at all (secrets). */
  categoryDefault?: { severity: Severity; reason: string };
}

export function rateSeverity(evidence: SeverityEvidence): RatedSeverity {
  const candidates: RatedSeverity[] = [];
  for (const { vector, source } of evidence.vectors ?? []) {
    const cvss = cvssFromVector(vector, source);
    if (cvss) candidates.push(ratingFromCvss(cvss));
  }
  const vendor = evidence.vendor && severityFromLabel(evidence.vendor.label);
  if (evidence.vendor && vendor && vendor !== 'unknown') {
    candidates.push({ severity: vendor, severityBasis: { kind: 'vendor', ...evidence.vendor } });
  }
  const tool = evidence.tool && severityFromLabel(evidence.tool.label);
  if (evidence.tool && tool && tool !== 'unknown') {
    candidates.push({ severity: tool, severityBasis: { kind: 'tool', ...evidence.tool } });
  }
  if (evidence.categoryDefault) {
    candidates.push({
      severity: evidence.categoryDefault.severity,
      severityBasis: { kind: 'default', reason: evidence.categoryDefault.reason },
    });
  }
  return pickBestRating(candidates);
}
