import { classifyVulnId, rateSeverity, type RatedSeverity } from '@gatehouse/findings';

/** Who published a record, by its id's prefix: the `source` of its vectors and labels. */
export function databaseOfId(id: string): string {
  switch (classifyVulnId(id)) {
    case 'GHSA':
      return 'ghsa';
    case 'PYSEC':
      return 'pypa';
    case 'GO':
      return 'go';
    case 'RUSTSEC':
      return 'rustsec';
    case 'CVE':
      return 'nvd';
    default:
      return `osv:${id.split('-')[0]!.toLowerCase()}`;
  }
}

export interface OsvSeverityInput {
  id: string;
  severity?: readonly { type?: string; score?: string }[] | null;
  /** database_specific.severity (GitHub's LOW / MODERATE / HIGH / CRITICAL). */
  databaseSeverity?: string;
}

/**
 * One rating from the OSV records of a vulnerability: the best CVSS vector any record gives
 * (CVSS_V4, then CVSS_V3, then CVSS_V2; scores computed from the vector, never copied), else the
 * database's own label; a malicious-package record (MAL-) with neither is critical; else unknown.
 * Entries that are not vectors (osv-scanner's bare `score`,
 * Ubuntu priorities) are not CVSS and are ignored here.
 */
export function rateOsvRecords(records: readonly OsvSeverityInput[]): RatedSeverity {
  const vectors: { vector: string; source: string }[] = [];
  let vendor: { label: string; source: string } | undefined;
  for (const record of records) {
    for (const entry of record.severity ?? []) {
      if (typeof entry.score !== 'string' || !/^CVSS_V[234]$/.test(entry.type ?? '')) continue;
      vectors.push({ vector: entry.score, source: databaseOfId(record.id) });
    }
    if (!vendor && record.databaseSeverity) vendor = { label: record.databaseSeverity, source: databaseOfId(record.id) };
  }
  const rating = rateSeverity({ vectors, ...(vendor ? { vendor } : {}) });
  if (rating.severityBasis.kind === 'none' && records.some((r) => /^MAL-/i.test(r.id))) {
    // OSV's malicious-packages records carry no score: installing the package is the compromise.
    return { severity: 'critical', severityBasis: { kind: 'default', reason: 'malicious package (OSV MAL- record): treat any install as a compromise' } };
  }
  return rating;
}
