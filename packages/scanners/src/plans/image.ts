import { ConfigurationError, imageRepository } from '@gatehouse/findings';
import { checkArchivePath, checkImageRef, imageSourceLabel, imageSourceString, type ImageSource } from '../container-image/image-source';
import type { EngineInvocation, ScanPlan } from '../scan-plan';

/**
 * The image-scan action's plan (docs/image-scan.md): trivy (primary, required) and grype (an
 * optional second opinion) on one built image, before it is pushed. Both engines' findings are
 * filed under the same image reference, so they merge into one finding per vulnerability per
 * package; the deploy policy preset then decides.
 */
export interface ImagePlanInput {
  /** Absolute path of the checked-out repository (tarball paths are relative to it). */
  workspace: string;
  /** An image reference (`shop/web:1.4.2`, `ghcr.io/acme/web@sha256:…`). */
  image?: string;
  /** Where the reference is: the local Docker daemon (default: an image just built, never pulled) or a registry. */
  imageSource?: 'daemon' | 'registry';
  /** A `docker save` tarball, repository-relative, instead of `image`. */
  archive?: string;
  /** The name a tarball's findings are filed under (default: the tarball's first tag, as the scanners read it). */
  imageName?: string;
  trivy?: { enabled?: boolean };
  grype?: { enabled?: boolean };
  /**
   * Database directories the caller refreshed before the scan (`refreshTrivyDatabase`,
   * `refreshGrypeDatabase` into `databaseCacheDir(engine)`); an engine without one manages its own.
   */
  databases?: { trivy?: string; grype?: string };
}

export interface ImageScanPlan extends ScanPlan {
  image: {
    source: ImageSource;
    /** The reference (or tarball path) shown in the summary. */
    label: string;
    /** `ParseContext.imageRef` for every engine's report, so their findings share one image identity. */
    parseImageRef?: string;
    /**
     * The SARIF category of this image: its repository, without tag or digest, so a new tag
     * replaces the previous tag's alerts instead of opening a new analysis next to them.
     */
    sarifCategory: string;
  };
}

function sourceOf(input: ImagePlanInput): ImageSource {
  if (input.image && input.archive) throw new ConfigurationError('image-scan: give either an image reference or an image archive, not both');
  if (input.archive) return { kind: 'archive', path: checkArchivePath(input.archive) };
  if (input.image) return { kind: input.imageSource === 'registry' ? 'registry' : 'daemon', ref: checkImageRef(input.image) };
  throw new ConfigurationError('image-scan: no image given: set `image` (a reference in the local Docker daemon or a registry) or `image-archive` (a docker save tarball)');
}

/** GitHub takes any text as a category; this keeps it readable and stable. */
export function sarifCategoryForImage(labelOrRef: string): string {
  const repository = /\.tar(\.gz)?$/i.test(labelOrRef) ? labelOrRef : imageRepository(labelOrRef);
  return `image-scan/${repository.replace(/[^A-Za-z0-9._/-]+/g, '-')}`.slice(0, 200);
}

const WHERE: Record<ImageSource['kind'], string> = { daemon: 'local Docker image, not pulled', registry: 'registry image', archive: 'docker save tarball' };

export function planImageScan(input: ImagePlanInput): ImageScanPlan {
  const source = sourceOf(input);
  const name = input.imageName ? checkImageRef(input.imageName, 'image-name') : undefined;
  const label = name ?? imageSourceLabel(source);
  const parseImageRef = source.kind === 'archive' ? name : source.ref;
  const plan: ImageScanPlan = {
    invocations: [],
    notRun: [],
    notes: [`Image ${label} (${WHERE[source.kind]})`],
    image: { source, label, ...(parseImageRef ? { parseImageRef } : {}), sarifCategory: sarifCategoryForImage(name ?? (source.kind === 'archive' ? source.path : source.ref)) },
  };
  const options = (cacheDir: string | undefined): EngineInvocation['options'] => ({ workspace: input.workspace, targets: [], mode: 'image', image: imageSourceString(source), ...(cacheDir ? { cacheDir } : {}) });

  const trivyOn = input.trivy?.enabled !== false;
  const grypeOn = input.grype?.enabled === true;
  if (!trivyOn && !grypeOn) throw new ConfigurationError('image-scan: both trivy and grype are switched off; nothing would scan the image');
  if (trivyOn) plan.invocations.push({ engine: 'trivy', label: `trivy on ${label}`, instance: label, required: true, options: options(input.databases?.trivy) });
  else plan.notRun.push({ engine: 'trivy', reason: 'trivy is switched off' });
  if (grypeOn) plan.invocations.push({ engine: 'grype', label: `grype on ${label}`, instance: label, required: true, options: options(input.databases?.grype) });
  else plan.notRun.push({ engine: 'grype', reason: 'grype (the second opinion) is not enabled' });

  for (const engine of ['trivy', 'grype'] as const) {
    if (!plan.invocations.some((i) => i.engine === engine)) continue;
    const dir = input.databases?.[engine];
    plan.notes.push(dir ? `${engine}: vulnerability database refreshed at most a day ago (${dir}); the scan itself downloads nothing` : `${engine}: manages its own vulnerability database (a failed download makes the scan incomplete)`);
  }
  if (trivyOn && grypeOn) plan.notes.push('trivy and grype findings are merged: one finding per vulnerability per package');
  return plan;
}
