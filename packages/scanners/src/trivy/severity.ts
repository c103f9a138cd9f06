import { rateSeverity, type RatedSeverity } from '@gatehouse/findings';
import type { TrivyVulnerability } from './schema';

/** trivy-db's severity numbers (VendorSeverity): 0 unknown, 1 low, 2 medium, 3 high, 4 critical. */
const VENDOR_LABELS = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export function vendorLabel(value: number | undefined): string | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value < VENDOR_LABELS.length ? VENDOR_LABELS[value] : undefined;
}

type CvssEntry = NonNullable<TrivyVulnerability['CVSS']>[string];

function vectorsOf(source: string, entry: CvssEntry): { vector: string; source: string }[] {
  return [entry.V40Vector, entry.V3Vector, entry.V2Vector].filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((vector) => ({ vector, source }));
}

/**
 * One vulnerability's severity (docs/engines/trivy.md, "Severity"), best basis first:
 *
 * 1. a CVSS vector, scored by us (never trivy's printed score): the vectors of the source trivy took
 *    its severity from (`SeveritySource`), else NVD's, else every source's (the most severe wins);
 * 2. the label of `SeveritySource` in `VendorSeverity`;
 * 3. trivy's own `Severity`.
 */
export function rateVulnerability(v: TrivyVulnerability, cache?: Map<string, RatedSeverity>): RatedSeverity {
  const cvss = v.CVSS ?? {};
  const sources = Object.keys(cvss);
  const preferred = [v.SeveritySource, 'nvd'].find((s) => s !== undefined && Object.hasOwn(cvss, s) && vectorsOf(s, cvss[s]!).length > 0);
  const vectors = preferred ? vectorsOf(preferred, cvss[preferred]!) : sources.flatMap((s) => vectorsOf(s, cvss[s]!));
  const vendor = v.SeveritySource && v.VendorSeverity && Object.hasOwn(v.VendorSeverity, v.SeveritySource) ? vendorLabel(v.VendorSeverity[v.SeveritySource]) : undefined;
  // Scoring a vector is the costly part, and an image repeats the same CVE across many packages.
  const key = cache ? [v.SeveritySource ?? '', vendor ?? '', v.Severity ?? '', ...vectors.flatMap((x) => [x.source, x.vector])].join('\u0000') : '';
  const cached = cache?.get(key);
  if (cached) return copyOfRating(cached);
  const rated = rateSeverity({
    vectors,
    ...(vendor && v.SeveritySource ? { vendor: { label: vendor, source: v.SeveritySource } } : {}),
    ...(v.Severity ? { tool: { label: v.Severity, source: 'trivy' } } : {}),
  });
  cache?.set(key, rated);
  return rated;
}

/**
 * A deep copy of a cached rating, so no two findings share (and could alter) one severityBasis. The
 * rating is plain data; copying it by hand is several times cheaper than structuredClone, which
 * showed in profiles of images with many findings.
 */
function copyOfRating(rating: RatedSeverity): RatedSeverity {
  return copyOfPlainData(rating);
}

function copyOfPlainData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOfPlainData) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOfPlainData((value as Record<string, unknown>)[key]);
  return copy as T;
}
