import { posix } from 'node:path';
import type { ImageLocation } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { isJsonObject } from '../json-document';
import { MetadataSchema, type TrivyMetadata } from './schema';

/** What one trivy report scanned, which every result's findings are placed against. */
export interface TrivyArtifact {
  isImage: boolean;
  /** For images: the reference (tag) and digest the findings belong to. */
  image?: { ref: string; digest?: string };
  /** For file-system artifacts: the directory (or file) trivy was pointed at, as it wrote it. */
  base?: string;
  metadata?: TrivyMetadata;
}

const IMAGE_TYPES = new Set(['container_image', 'container-image']);

/** `repo@sha256:…` -> `sha256:…`. */
function digestOf(repoDigest: string | undefined): string | undefined {
  const at = repoDigest?.lastIndexOf('@') ?? -1;
  return at >= 0 ? repoDigest!.slice(at + 1) : undefined;
}

/**
 * The image a report is about: the reference the caller gave (`ParseContext.imageRef`: the plan's
 * image, the same one grype's findings are filed under, so the two engines' findings merge — a
 * named `docker save` tarball included), else the reference trivy recorded (`Metadata.Reference`,
 * then the first repo tag), else the artifact name (a tar file's path). The digest is the
 * registry's manifest digest when known, else the image id.
 */
export function artifactOf(doc: Record<string, unknown>, ctx: ParseContext): TrivyArtifact {
  const parsed = MetadataSchema.safeParse(isJsonObject(doc.Metadata) ? doc.Metadata : {});
  const metadata = parsed.success ? parsed.data : undefined;
  const name = typeof doc.ArtifactName === 'string' ? doc.ArtifactName.trim() : '';
  const type = typeof doc.ArtifactType === 'string' ? doc.ArtifactType : '';
  if (IMAGE_TYPES.has(type)) {
    const ref = ctx.imageRef?.trim() || metadata?.Reference?.trim() || metadata?.RepoTags?.[0]?.trim() || name || 'unnamed image';
    const digest = digestOf(metadata?.RepoDigests?.[0]) ?? metadata?.ImageID;
    return { isImage: true, image: { ref: ref.slice(0, 2_000), ...(digest ? { digest: digest.slice(0, 200) } : {}) }, ...(metadata ? { metadata } : {}) };
  }
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(name);
  return { isImage: false, ...(name && !isUrl ? { base: name } : {}), ...(metadata ? { metadata } : {}) };
}

/**
 * A result's target as a path from where trivy ran: targets are relative to the scanned
 * directory, so `trivy config apps` reports `Dockerfile` for `apps/Dockerfile`. A scan of a single
 * file names the file twice (artifact `apps/Dockerfile`, target `Dockerfile`).
 */
export function pathOfTarget(artifact: TrivyArtifact, target: string): string {
  const base = artifact.base?.replace(/\\/g, '/').replace(/\/+$/, '');
  if (!base || base === '.' || posix.isAbsolute(target)) return target;
  if (base === target || base.endsWith(`/${target}`)) return base;
  return `${base}/${target}`;
}

/** Where a finding inside an image is: the image, and the path or package inside it. */
export function imageLocation(artifact: TrivyArtifact, extra: Omit<ImageLocation, 'kind' | 'ref' | 'digest'>): ImageLocation {
  return { kind: 'image', ref: artifact.image!.ref, ...(artifact.image!.digest ? { digest: artifact.image!.digest } : {}), ...extra };
}

/** A layer by its diff id (what `docker history` shows), else its digest. */
export function layerOf(layer: { Digest?: string | undefined; DiffID?: string | undefined } | null | undefined): string | undefined {
  const id = layer?.DiffID || layer?.Digest;
  return id ? id.slice(0, 200) : undefined;
}
