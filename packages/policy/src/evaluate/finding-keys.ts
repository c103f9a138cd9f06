import { normaliseVulnId, type Finding } from '@gatehouse/findings';
import { purlKey, type PurlKey } from './purl-key';

/**
 * Every name a finding answers to, in one spelling: its identity hash, rule id, identifiers and
 * aliases (the whole alias group, so an exception or VEX statement about a GHSA id reaches a finding
 * filed under the CVE).
 */
export function findingIdKeys(finding: Finding): Set<string> {
  const keys = new Set<string>();
  keys.add(finding.id);
  keys.add(idKey(finding.ruleId));
  for (const identifier of finding.identifiers) keys.add(idKey(identifier.value));
  for (const alias of finding.aliases) keys.add(idKey(alias));
  return keys;
}

export function idKey(id: string): string {
  return normaliseVulnId(id).toLowerCase();
}

/** The package a finding is about, when it is about one. */
export function findingPurlKey(finding: Finding): PurlKey | undefined {
  const location = finding.location;
  if (location.kind === 'package') return purlKey(location.purl);
  if (location.kind === 'image' && location.purl) return purlKey(location.purl);
  return undefined;
}

/** The repository path an exception's glob is tested against: the file, or the manifest. */
export function findingPath(finding: Finding): string | undefined {
  const location = finding.location;
  if (location.kind === 'code') return location.path;
  if (location.kind === 'package') return location.manifest;
  return undefined;
}

/** What matching needs to know about a finding, worked out once per finding. */
export interface FindingFacts {
  finding: Finding;
  ids: Set<string>;
  purl?: PurlKey;
  path?: string;
}

export function factsOf(finding: Finding): FindingFacts {
  const facts: FindingFacts = { finding, ids: findingIdKeys(finding) };
  const purl = findingPurlKey(finding);
  if (purl) facts.purl = purl;
  const path = findingPath(finding);
  if (path !== undefined) facts.path = path;
  return facts;
}
