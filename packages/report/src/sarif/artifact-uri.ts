const PLAIN_PATH = /^[A-Za-z0-9_\-~][A-Za-z0-9._\-~]*(?:\/[A-Za-z0-9._\-~]+)*$/;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

/**
 * SARIF `artifactLocation.uri` values are URI references relative to `%SRCROOT%` (the repository
 * root). Each path segment is percent-encoded, so a file named `a b#1.py` or `x:y` stays a relative
 * reference (an unencoded `x:y` would read as a URI with scheme `x`). GitHub decodes them back.
 */
export function repoPathToUri(path: string): string | undefined {
  // Most paths need no encoding at all: skip the split and join for them (100k results, few paths).
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) return path;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || path.startsWith('/') || path.includes('\\') || segments.includes('..')) return undefined;
  return segments.map(encodeURIComponent).join('/');
}

/**
 * A stable pseudo-path for things that are not files in the repository (an image, a package without
 * manifest, the repository itself). GitHub shows no result without a physical location; these sit
 * under `.gatehouse/`, which is never part of what is scanned, so they cannot be mistaken for code.
 */
export function pseudoUri(kind: 'images' | 'packages' | 'repository', ...names: string[]): string {
  const segments = names
    .flatMap((n) => n.split('/'))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .slice(0, 20)
    .map((s) => encodeURIComponent(s.slice(0, 200)));
  return ['.gatehouse', kind, ...segments].join('/');
}
