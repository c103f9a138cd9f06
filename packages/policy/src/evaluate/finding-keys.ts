import type { Finding } from '@gatehouse/findings';
import { purlKey, type PurlKey } from './purl-key';

/**
 * What matching needs to know about a finding, worked out once per finding: every name it answers
 * to in one spelling (identity hash, rule id, identifiers, aliases: the whole alias group, so an
 * exception or VEX statement about a GHSA id reaches a finding filed under the CVE), its package
 * and its path. The same purls recur across thousands of findings, so their parsed forms are
 * memoised per evaluation.
 */
export interface FindingFacts {
  finding: Finding;
  /** May repeat a name; matchers mark what they have seen instead of deduplicating. */
  ids: string[];
  purl?: PurlKey;
  path?: string;
}

/**
 * One spelling for comparing ids: trimmed and lower-cased. (normaliseVulnId only trims and changes
 * case, so lower-casing its result and lower-casing the trimmed id are the same, without its regexes.)
 */
export function idKey(id: string): string {
  return id.trim().toLowerCase();
}

export class FactsCache {
  private readonly purlKeys = new Map<string, PurlKey | undefined>();

  factsOf(finding: Finding): FindingFacts {
    const ids = [finding.id, idKey(finding.ruleId)];
    for (const identifier of finding.identifiers) ids.push(idKey(identifier.value));
    for (const alias of finding.aliases) ids.push(idKey(alias));
    const facts: FindingFacts = { finding, ids };
    const location = finding.location;
    const purl = location.kind === 'package' ? location.purl : location.kind === 'image' ? location.purl : undefined;
    if (purl !== undefined) {
      const key = this.purlKey(purl);
      if (key) facts.purl = key;
    }
    // The path an exception's glob is tested against: the file, or the package's manifest.
    const path = location.kind === 'code' ? location.path : location.kind === 'package' ? location.manifest : undefined;
    if (path !== undefined) facts.path = path;
    return facts;
  }

  private purlKey(purl: string): PurlKey | undefined {
    const cached = this.purlKeys.get(purl);
    if (cached !== undefined || this.purlKeys.has(purl)) return cached;
    const key = purlKey(purl);
    if (this.purlKeys.size < 1_000_000) this.purlKeys.set(purl, key);
    return key;
  }
}
