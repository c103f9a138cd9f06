import { normalisePypiName } from '@gatehouse/findings';

/**
 * A package URL reduced to what matching compares: the package (type, namespace, name) and the
 * version. Percent-encoding is undone (`%40scope` and `@scope` are one namespace), qualifiers and
 * subpath are dropped, and names compare case-insensitively (PyPI names also PEP 503-normalised),
 * because scanners spell the same package differently.
 */
export interface PurlKey {
  /** `npm/@scope/name`: type and path, lower case. */
  base: string;
  version?: string;
}

export function purlKey(purl: string): PurlKey | undefined {
  let rest = purl.trim();
  if (!/^pkg:/i.test(rest)) return undefined;
  rest = rest.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const lastSlash = rest.lastIndexOf('/');
  if (lastSlash <= 0) return undefined;
  const at = rest.indexOf('@', lastSlash + 1);
  const path = at >= 0 ? rest.slice(0, at) : rest;
  const version = at >= 0 ? safeDecode(rest.slice(at + 1)) : undefined;
  const segments = path.split('/').map(safeDecode);
  const type = segments[0]!.toLowerCase();
  if (type === 'pypi' && segments.length > 1) segments[segments.length - 1] = normalisePypiName(segments[segments.length - 1]!);
  const base = [type, ...segments.slice(1)].join('/').toLowerCase();
  return version ? { base, version } : { base };
}

/** A pattern without a version matches every version of the package; with one, only that version. */
export function purlMatches(pattern: PurlKey, candidate: PurlKey): boolean {
  if (pattern.base !== candidate.base) return false;
  return pattern.version === undefined || pattern.version === candidate.version;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
