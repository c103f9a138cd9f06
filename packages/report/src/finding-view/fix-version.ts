/**
 * The smallest version that fixes a vulnerability, to suggest one upgrade rather than a list.
 * Versions of every ecosystem are compared with one tolerant ordering: numeric runs as numbers,
 * other runs as text, a pre-release (`1.0.0-rc1`) before its release. Good enough to choose among
 * the fix versions an advisory lists; never used to decide whether something is vulnerable.
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) {
      // `1.0` vs `1.0.1`: the shorter is smaller; `1.0` vs `1.0-rc1`: a pre-release tail is smaller.
      const tail = (x ?? y)!;
      const shorterIsA = x === undefined;
      const tailIsPrerelease = typeof tail === 'string';
      return (shorterIsA ? -1 : 1) * (tailIsPrerelease ? -1 : 1);
    }
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') {
      return 1;
    } else if (typeof y === 'number') {
      return -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

function versionParts(version: string): (number | string)[] {
  const cleaned = version.trim().replace(/^v(?=\d)/i, '').replace(/\+.*$/, '');
  const parts: (number | string)[] = [];
  for (const match of cleaned.matchAll(/\d+|[a-z]+/gi)) {
    const token = match[0];
    parts.push(/^\d+$/.test(token) ? Number(token) : token.toLowerCase());
  }
  return parts;
}

/**
 * The version to suggest: the smallest fix version above the installed one (a fix below it is on an
 * older branch), or the smallest of all when the installed version is unknown or above every fix.
 */
export function suggestFixVersion(fixVersions: readonly string[], installed?: string): string | undefined {
  const candidates = fixVersions.map((v) => v.trim()).filter((v) => v !== '');
  if (candidates.length === 0) return undefined;
  const sorted = [...new Set(candidates)].sort(compareVersions);
  if (installed) {
    const above = sorted.find((v) => compareVersions(v, installed) > 0);
    if (above) return above;
  }
  return sorted[0];
}
