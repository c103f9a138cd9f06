import { posix } from 'node:path';
import { makePurl, purlType, toRepoPath, type Category, type Location } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { isJsonObject } from '../json-document';
import type { GrypeArtifact, GrypeSource } from './schema';

/** What one grype report scanned, which every match is placed against. */
export interface GrypeScanned {
  kind: 'image' | 'directory' | 'file' | 'sbom' | 'other';
  /** For images: the reference findings are filed under, and the registry digest when known. */
  image?: { ref: string; digest?: string };
  /** For directory scans: the directory grype was pointed at, as it wrote it. */
  base?: string;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);

/** `repo@sha256:…` -> `sha256:…`. */
function digestOf(repoDigest: string | undefined): string | undefined {
  const at = repoDigest?.lastIndexOf('@') ?? -1;
  return at >= 0 ? repoDigest!.slice(at + 1) : undefined;
}

/** grype records the input as given, scheme included (`docker:app:1`, `docker-archive:app.tar`). */
function withoutScheme(input: string): string {
  return input.replace(/^(docker|podman|registry|docker-archive|oci-archive|oci-dir|singularity|containerd):/, '');
}

/**
 * The image a report is about: the reference the caller gave (`ParseContext.imageRef`, the same
 * one trivy's findings are filed under, so the two engines' findings merge), else the image's first
 * tag, else grype's user input. The digest is the registry's manifest digest when known.
 */
export function scannedOf(source: GrypeSource | undefined, ctx: ParseContext): GrypeScanned {
  const type = source?.type ?? '';
  const target = source?.target;
  if (type === 'image' && isJsonObject(target)) {
    const tags = stringList(target.tags);
    const userInput = typeof target.userInput === 'string' ? withoutScheme(target.userInput.trim()) : '';
    const ref = ctx.imageRef?.trim() || tags[0] || userInput || 'unnamed image';
    const digest = digestOf(stringList(target.repoDigests)[0]) ?? (typeof target.manifestDigest === 'string' && target.manifestDigest ? target.manifestDigest : undefined) ?? (typeof target.imageID === 'string' && target.imageID ? target.imageID : undefined);
    return { kind: 'image', image: { ref: ref.slice(0, 2_000), ...(digest ? { digest: digest.slice(0, 200) } : {}) } };
  }
  if (type === 'directory' || type === 'file') {
    const base = typeof target === 'string' ? target : isJsonObject(target) && typeof target.path === 'string' ? target.path : undefined;
    return { kind: type, ...(base ? { base } : {}) };
  }
  if (type === 'sbom') return { kind: 'sbom' };
  return { kind: 'other' };
}

export function categoryOf(scanned: GrypeScanned): Category {
  return scanned.kind === 'image' ? 'container' : 'sca';
}

/** grype's package types as purl types, for packages grype wrote no purl for. */
const PURL_TYPES: Readonly<Record<string, string>> = {
  apk: 'apk',
  deb: 'deb',
  rpm: 'rpm',
  npm: 'npm',
  python: 'pypi',
  gem: 'gem',
  'java-archive': 'maven',
  'jenkins-plugin': 'maven',
  'go-module': 'golang',
  'rust-crate': 'cargo',
  dotnet: 'nuget',
  'php-composer': 'composer',
  conan: 'conan',
  hex: 'hex',
  'dart-pub': 'pub',
  swift: 'swift',
  pod: 'cocoapods',
  'github-action': 'github',
};

/** The artifact's purl as grype wrote it, else one built from its type, else `pkg:generic`. */
export function purlOfArtifact(artifact: GrypeArtifact): string {
  const written = artifact.purl?.trim();
  if (written && purlType(written)) return written.slice(0, 2_000);
  const type = artifact.type && Object.hasOwn(PURL_TYPES, artifact.type) ? PURL_TYPES[artifact.type]! : 'generic';
  return makePurl(type, artifact.name, artifact.version || undefined);
}

/** Where the package sits: in the image (its path and layer), or in a manifest of the repository. */
export function artifactLocation(artifact: GrypeArtifact, scanned: GrypeScanned, ctx: ParseContext): { location: Location; refused?: string } {
  const purl = purlOfArtifact(artifact);
  const name = artifact.name.slice(0, 1_000);
  const version = artifact.version.slice(0, 300);
  const first = artifact.locations?.[0];
  if (scanned.kind === 'image' && scanned.image) {
    return {
      location: {
        kind: 'image',
        ref: scanned.image.ref,
        ...(scanned.image.digest ? { digest: scanned.image.digest } : {}),
        ...(first?.layerID ? { layer: first.layerID.slice(0, 200) } : {}),
        purl,
        name,
        version,
        ...(first?.path ? { target: first.path.slice(0, 4_096) } : {}),
      },
    };
  }
  const ecosystem = purlType(purl) ?? 'generic';
  let manifest: string | undefined;
  let refused: string | undefined;
  // Paths in a directory scan are rooted at the scanned directory (`/web/package-lock.json`).
  if (first?.path && scanned.kind === 'directory') {
    const base = (scanned.base ?? '.').replace(/\\/g, '/');
    const resolved = toRepoPath(posix.join(base, first.path.replace(/^\/+/, '')), ctx.workspace);
    if (resolved.ok) manifest = resolved.path;
    else refused = resolved.reason;
  }
  return { location: { kind: 'package', purl, ecosystem, name, version, ...(manifest ? { manifest } : {}) }, ...(refused ? { refused } : {}) };
}
