import { posix } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';

/**
 * What an image scan reads: an image in the local Docker daemon (just built, not yet pushed), an
 * image in a registry, or a `docker save` tarball. Written as one string in `RunOptions.image`,
 * with grype's own scheme prefixes so the plan stays plain data:
 * `docker:app:1.2`, `registry:ghcr.io/acme/app@sha256:…`, `docker-archive:build/app.tar`.
 */
export type ImageSource =
  | { kind: 'daemon'; ref: string }
  | { kind: 'registry'; ref: string }
  /** A repository-relative path to a `docker save` tarball. */
  | { kind: 'archive'; path: string };

const SCHEMES: Record<ImageSource['kind'], string> = { daemon: 'docker', registry: 'registry', archive: 'docker-archive' };

const MAX_REF = 512;
/** name[:tag][@digest] with an optional registry host:port; no whitespace, no shell or flag syntax. */
const IMAGE_REF = /^[a-z0-9][a-z0-9._-]*(?::[0-9]{1,5})?(?:\/[a-z0-9][a-z0-9._-]*)*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

/**
 * Checks an image reference before it reaches an argv. A reference starting with `-` would be read
 * as a flag by trivy and grype, and one with a scheme (`dir:/`, `sbom:`) would make grype read
 * something else than an image: both are refused, as is anything that is not a Docker reference.
 */
export function checkImageRef(ref: string, where = 'image'): string {
  const value = ref.trim();
  if (value === '') throw new ConfigurationError(`${where}: the image reference is empty`);
  if (value.length > MAX_REF) throw new ConfigurationError(`${where}: the image reference is longer than ${MAX_REF} characters`);
  // Registry hosts may be upper case in the wild; the repository path may not (Docker refuses it).
  const [first, ...rest] = value.split('/');
  const normalised = rest.length > 0 && /[.:]|^localhost$/.test(first!) ? [first!.toLowerCase(), ...rest].join('/') : value;
  if (!IMAGE_REF.test(normalised)) {
    throw new ConfigurationError(`${where}: ${JSON.stringify(value.slice(0, 100))} is not an image reference (name[:tag][@sha256:digest], lower-case repository)`);
  }
  return value;
}

/**
 * Checks a tarball path: repository-relative, forward slashes, no `..`, not starting with `-`. The
 * tarball is read by the scanner, so a path outside the workspace is refused here.
 */
export function checkArchivePath(path: string, where = 'image-archive'): string {
  const value = path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (value === '') throw new ConfigurationError(`${where}: the tarball path is empty`);
  if (value.startsWith('/') || /^[A-Za-z]:\//.test(value)) throw new ConfigurationError(`${where}: give the tarball path relative to the workspace, not ${JSON.stringify(value.slice(0, 200))}`);
  const normalised = posix.normalize(value);
  if (normalised === '..' || normalised.startsWith('../')) throw new ConfigurationError(`${where}: ${JSON.stringify(value.slice(0, 200))} is outside the workspace`);
  if (normalised.startsWith('-')) throw new ConfigurationError(`${where}: a path starting with "-" would be read as a flag`);
  if (/[\0\r\n]/.test(normalised)) throw new ConfigurationError(`${where}: the tarball path holds a control character`);
  return normalised;
}

export function imageSourceString(source: ImageSource): string {
  return `${SCHEMES[source.kind]}:${source.kind === 'archive' ? source.path : source.ref}`;
}

/** Reads `RunOptions.image` back; anything without one of the three schemes is refused. */
export function parseImageSource(value: string | undefined): ImageSource {
  if (!value) throw new ConfigurationError('an image scan needs an image: a daemon reference, a registry reference or a docker save tarball');
  const colon = value.indexOf(':');
  const scheme = colon > 0 ? value.slice(0, colon) : '';
  const rest = value.slice(colon + 1);
  if (scheme === SCHEMES.daemon) return { kind: 'daemon', ref: checkImageRef(rest) };
  if (scheme === SCHEMES.registry) return { kind: 'registry', ref: checkImageRef(rest) };
  if (scheme === SCHEMES.archive) return { kind: 'archive', path: checkArchivePath(rest) };
  throw new ConfigurationError(`image ${JSON.stringify(value.slice(0, 100))} names no source: write docker:<ref>, registry:<ref> or docker-archive:<path>`);
}

/** The name findings are filed under: the reference, or the tarball path when there is no reference. */
export function imageSourceLabel(source: ImageSource): string {
  return source.kind === 'archive' ? source.path : source.ref;
}
