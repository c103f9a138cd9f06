import { posix } from 'node:path';
import { toRepoPath } from '@gatehouse/findings';
import type { SarifArtifactLocation } from './schema';

export interface UriContext {
  originalUriBaseIds?: Record<string, { uri?: string; uriBaseId?: string }>;
  artifacts?: ({ location?: SarifArtifactLocation } | null)[];
}

export type ArtifactPath = { path: string } | { refused: string } | undefined;

const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const isAbsolute = (uri: string) => /^file:/i.test(uri) || uri.startsWith('/') || /^[A-Za-z]:[\\/]/.test(uri);

function decode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function joinUri(base: string, relative: string): string {
  return `${base.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

/**
 * The path a SARIF artifact location names, for `codeLocation` to make repository-relative.
 * `uriBaseId` is resolved through `run.originalUriBaseIds` (which may chain). When the chain ends
 * at an absolute directory inside the workspace the absolute path is used; when it ends outside
 * (the report was made in another checkout, e.g. CodeQL on a hosted runner) the part below the
 * base is taken as repository-relative, which is what a base id such as %SRCROOT% means. A
 * location that is only an index into `run.artifacts` takes that artifact's location. URIs with a
 * scheme other than file: are not repository paths.
 */
export function artifactPath(location: SarifArtifactLocation | undefined, run: UriContext, workspace: string): ArtifactPath {
  let loc = location;
  if (loc && loc.uri === undefined && loc.index !== undefined && loc.index >= 0) {
    loc = run.artifacts?.[loc.index]?.location ?? loc;
  }
  const uri = loc?.uri;
  if (uri === undefined || uri.trim() === '') return undefined;
  const scheme = SCHEME.exec(uri)?.[1];
  if (scheme && scheme.toLowerCase() !== 'file') return { refused: `not a file in the repository: ${uri.slice(0, 200)}` };
  if (isAbsolute(uri)) return { path: uri };

  const relativeParts = [decode(uri)];
  let absoluteBase: string | undefined;
  let baseId = loc?.uriBaseId;
  const seen = new Set<string>();
  const bases = run.originalUriBaseIds;
  while (baseId !== undefined && bases && Object.hasOwn(bases, baseId) && !seen.has(baseId) && seen.size < 10) {
    seen.add(baseId);
    const base = bases[baseId]!;
    if (base.uri !== undefined && base.uri !== '') {
      if (isAbsolute(base.uri)) {
        absoluteBase = base.uri;
        break;
      }
      relativeParts.unshift(decode(base.uri));
    }
    baseId = base.uriBaseId;
  }
  const relative = posix.join(...relativeParts.map((p) => p.replace(/\\/g, '/')));
  if (absoluteBase !== undefined) {
    const absolute = joinUri(absoluteBase, relative);
    if (toRepoPath(absolute, workspace).ok) return { path: absolute };
  }
  return { path: relative };
}
