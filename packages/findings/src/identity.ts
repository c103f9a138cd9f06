import { sha256Hex } from './hash';
import { purlWithoutVersion } from './purl';
import type { Finding, FindingDraft } from './schema';
import { canonicalVulnId, classifyVulnId } from './vulnerability-id';

/**
 * Identity recipes (ARCHITECTURE.md, "Finding schema v1"; docs/adr/0002 for secrets). An id never
 * includes severity, description, line number or package version, so it survives re-rating, lines
 * moving and upgrades that do not fix the vulnerability.
 */

/** Whitespace differences (re-indentation, CRLF) do not make a line a different line. */
export function normaliseSourceLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

export function contextHashOfLine(line: string): string {
  return sha256Hex(`line:${normaliseSourceLine(line)}`);
}

/** Snippets some tools print instead of the code when the code is not theirs to show. */
export function isPlaceholderSnippet(snippet: string): boolean {
  const s = snippet.trim().toLowerCase();
  return s === '' || s === 'requires login' || s.startsWith('requires login') || s === '<redacted>' || /^\*+$/.test(s);
}

/** The image's repository: the reference without tag or digest, so a rebuilt image keeps its findings' ids. */
export function imageRepository(ref: string): string {
  let r = ref.trim().toLowerCase();
  const at = r.indexOf('@');
  if (at >= 0) r = r.slice(0, at);
  const lastSlash = r.lastIndexOf('/');
  const colon = r.indexOf(':', lastSlash + 1);
  if (colon >= 0) r = r.slice(0, colon);
  return r;
}

/** Vulnerability ids a finding carries, for the alias graph and the canonical id. */
export function vulnerabilityIds(f: Pick<Finding, 'aliases' | 'identifiers' | 'ruleId'>): string[] {
  const ids = new Set<string>(f.aliases);
  for (const i of f.identifiers) if (!['CWE', 'OWASP', 'RULE'].includes(i.type)) ids.add(i.value);
  if (classifyVulnId(f.ruleId) !== 'OTHER') ids.add(f.ruleId);
  return [...ids];
}

/** Where a package finding lives: the package without version, and its manifest or image repository. */
export function packageScope(f: Pick<Finding, 'location'>): string | undefined {
  const loc = f.location;
  if (loc.kind === 'package') return `${purlWithoutVersion(loc.purl)}\u0000${loc.manifest ?? ''}`;
  if (loc.kind === 'image') {
    const pkg = loc.purl ? purlWithoutVersion(loc.purl) : (loc.name ?? '');
    return `${pkg}\u0000${imageRepository(loc.ref)}\u0000${loc.purl ? '' : (loc.target ?? '')}`;
  }
  return undefined;
}

/**
 * The identity key before the occurrence index. Code: category + rule + path + context (the hash of
 * the source line or its stand-in). Secret with a known value: path + secret hash. Package or image:
 * canonical vulnerability id + package without version + manifest or image repository.
 */
export function baseIdentityKey(f: FindingDraft): string {
  const loc = f.location;
  if (f.category === 'secret' && f.secret?.hash && loc.kind === 'code') {
    return ['secret', loc.path, f.secret.hash].join('\u0000');
  }
  const scope = packageScope(f);
  if (scope !== undefined) {
    const vulnId = canonicalVulnId(vulnerabilityIds(f)) ?? f.ruleId;
    return ['package', f.category, vulnId, scope].join('\u0000');
  }
  if (loc.kind === 'code') {
    return ['code', f.category, f.ruleId, loc.path, loc.contextHash ?? 'file'].join('\u0000');
  }
  return ['repository', f.category, f.ruleId, f.title].join('\u0000');
}

export function identityFromKey(key: string, occurrence: number): string {
  return sha256Hex(occurrence === 0 ? key : `${key}\u0000#${occurrence}`);
}
