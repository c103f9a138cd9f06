import { severityRank, type Finding } from '@gatehouse/findings';

/** The CVSS score when the severity came from one, for ordering within a severity. */
export function cvssScore(finding: Pick<Finding, 'severityBasis'>): number {
  return finding.severityBasis.kind === 'cvss' ? finding.severityBasis.cvss.score : -1;
}

/**
 * Most severe first: severity, then CVSS score, then id so the order never depends on the order
 * engines reported in. Used wherever only some findings can be shown or uploaded.
 */
export function compareBySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cvssScore(b) - cvssScore(a) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * `findings` sorted as `compareBySeverity` orders them, with each finding's sort key computed once:
 * sorting 100k findings compares them about two million times.
 */
export function sortBySeverity<T extends Finding>(findings: readonly T[]): T[] {
  const keyed = findings.map((finding) => ({ finding, rank: severityRank(finding.severity), score: cvssScore(finding), id: finding.id }));
  keyed.sort((a, b) => b.rank - a.rank || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.finding);
}

/** The engine whose run a finding belongs to: the first that reported it (a merged finding's primary engine). */
export function primaryEngine(finding: Pick<Finding, 'sources'>): string {
  return finding.sources[0]?.engine ?? 'unknown';
}

/** Every engine that reported a finding, once each, in report order. */
export function reportingEngines(finding: Pick<Finding, 'sources'>): string[] {
  return [...new Set(finding.sources.map((s) => s.engine))];
}
