import { rateSeverity, type RatedSeverity, type SeverityEvidence } from '@gatehouse/findings';

/**
 * Scoring a CVSS vector costs tens of microseconds; a 100k-entry report repeats the same few
 * thousand vectors and labels. One cache per parsed report (never shared between reports, so it
 * cannot grow without bound) turns seconds into milliseconds. Only vectors and labels are keyed:
 * category defaults are not cached.
 */
export class RatedSeverityCache {
  private readonly ratings = new Map<string, RatedSeverity>();

  rate(evidence: Pick<SeverityEvidence, 'vectors' | 'vendor' | 'tool'>): RatedSeverity {
    const key = [
      (evidence.vectors ?? []).map((v) => `${v.source ?? ''}\u0001${v.vector}`).join('\u0002'),
      evidence.vendor ? `${evidence.vendor.source}\u0001${evidence.vendor.label}` : '',
      evidence.tool ? `${evidence.tool.source}\u0001${evidence.tool.label}` : '',
    ].join('\u0003');
    let rated = this.ratings.get(key);
    if (!rated) {
      rated = rateSeverity(evidence);
      this.ratings.set(key, rated);
    }
    return rated;
  }
}
