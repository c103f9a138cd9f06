import { posix } from 'node:path';
import { ConfigurationError, toRepoPath } from '@gatehouse/findings';
import { checkArchivePath, checkImageRef, imageSourceString, type ImageSource } from '../container-image/image-source';
import type { SbomOutputFormat, SbomSubjectSpec, SbomTool } from '../sbom/sbom-generator';
import type { EngineId } from '../adapter';
import type { ScanPlan } from '../scan-plan';

/**
 * The sbom action's plan (docs/sbom.md): which tool writes the SBOM of the repository or of an
 * image, where the files go, whether the SBOM is then scanned (grype, or the offline OSV engine),
 * and where it is published. Pure: the caller says which tools can run.
 */
export interface SbomPlanInput {
  /** Absolute path of the checked-out repository. */
  workspace: string;
  target: { kind: 'repository'; path?: string } | { kind: 'image'; image: string; source?: 'daemon' | 'registry' } | { kind: 'archive'; path: string };
  /** `auto` (default): syft when it can run, else cdxgen, else cyclonedx-npm for npm projects (repositories); syft, else trivy (images). */
  generator?: 'auto' | 'syft' | 'trivy' | 'cdxgen';
  /** Also write SPDX JSON (syft or trivy). */
  spdx?: boolean;
  /** Files of the repository, repository-relative: npm projects are found here when cyclonedx-npm writes the SBOM. */
  files: readonly string[];
  /**
   * Tools that can run. In GitHub Actions every pinned tool can be installed; on a laptop, those
   * found. cyclonedx-npm is Gatehouse's own dependency and is assumed present.
   */
  available: readonly SbomTool[];
  /** Repository-relative output directory (default `.gatehouse`). */
  outDir?: string;
  scan?: 'none' | 'grype' | 'osv-offline';
  /** Refreshed grype database directory, when grype scans the SBOM. */
  databases?: { grype?: string };
  dependencyTrack?: boolean;
  dependencyGraph?: boolean;
}

export interface SbomGenerationStep {
  engine: 'syft' | 'trivy' | 'cdxgen';
  tool: SbomTool;
  subject: SbomSubjectSpec;
  /** Repository-relative paths. */
  outputs: Partial<Record<SbomOutputFormat, string>>;
  label: string;
  /** The lockfile every component of this step's SBOM comes from (cyclonedx-npm), for the dependency snapshot. */
  manifest?: string;
}

export interface SbomPlan {
  generation: SbomGenerationStep[];
  /** When several steps wrote CycloneDX (one per npm project), they are merged into `cyclonedx` (`mergeCycloneDx`). */
  merge?: { from: string[]; subjectName: string };
  /** The CycloneDX SBOM the action validates, uploads and publishes (repository-relative); absent when nothing can write one. */
  cyclonedx?: string;
  spdx?: string;
  /** Engines that scan the SBOM once it is written. */
  scan: ScanPlan;
  publish: { dependencyTrack: boolean; dependencyGraph: boolean };
  notRun: { engine: EngineId; reason: string }[];
  notes: string[];
}

const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];
/** Manifests of other ecosystems, named in the notes when only npm projects are described. */
const OTHER_MANIFESTS = /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|poetry\.lock|Pipfile\.lock|uv\.lock|go\.mod|pom\.xml|build\.gradle(\.kts)?|Gemfile\.lock|Cargo\.lock|composer\.lock|yarn\.lock|pnpm-lock\.yaml|packages\.lock\.json)$/;
const IGNORED = /(^|\/)(node_modules|\.gatehouse|\.git)(\/|$)/;

/** Directories holding package.json and an npm lockfile, repository-relative, sorted. */
export function npmProjects(files: readonly string[]): string[] {
  const set = new Set(files.filter((f) => !IGNORED.test(f)));
  const dirs = [...set].filter((f) => posix.basename(f) === 'package.json').map((f) => posix.dirname(f));
  return dirs.filter((d) => NPM_LOCKFILES.some((l) => set.has(d === '.' ? l : `${d}/${l}`))).sort();
}

function subjectOf(input: SbomPlanInput): { subject: SbomSubjectSpec; label: string; isImage: boolean } {
  const t = input.target;
  if (t.kind === 'image') {
    const source: ImageSource = { kind: t.source === 'registry' ? 'registry' : 'daemon', ref: checkImageRef(t.image) };
    return { subject: { kind: 'image', image: imageSourceString(source) }, label: t.image, isImage: true };
  }
  if (t.kind === 'archive') {
    const path = checkArchivePath(t.path);
    return { subject: { kind: 'image', image: imageSourceString({ kind: 'archive', path }) }, label: path, isImage: true };
  }
  const raw = t.path?.trim() || '.';
  if (raw === '.' || raw === './') return { subject: { kind: 'directory', path: '.' }, label: 'the repository', isImage: false };
  const resolved = toRepoPath(raw, input.workspace);
  if (!resolved.ok) throw new ConfigurationError(`sbom path: "${raw.slice(0, 200)}" ${resolved.reason}`);
  return { subject: { kind: 'directory', path: resolved.path }, label: resolved.path, isImage: false };
}

const slug = (dir: string) => (dir === '.' ? 'root' : dir.replace(/[^A-Za-z0-9._-]+/g, '-'));

export function planSbom(input: SbomPlanInput): SbomPlan {
  const { subject, label, isImage } = subjectOf(input);
  const outDir = (input.outDir ?? '.gatehouse').replace(/\/+$/, '');
  const cyclonedx = `${outDir}/sbom.cdx.json`;
  const spdxPath = `${outDir}/sbom.spdx.json`;
  const available = new Set<SbomTool>([...input.available, 'cyclonedx-npm']);
  const requested = input.generator ?? 'auto';
  const plan: SbomPlan = {
    generation: [],
    scan: { invocations: [], notRun: [], notes: [] },
    publish: { dependencyTrack: input.dependencyTrack === true, dependencyGraph: input.dependencyGraph === true },
    notRun: [],
    notes: [],
  };

  if (requested === 'cdxgen' && isImage) throw new ConfigurationError('sbom: cdxgen describes the repository; for an image choose syft or trivy (or auto)');
  // Which tool writes the CycloneDX SBOM.
  let tool: SbomTool | undefined;
  if (requested === 'syft' || requested === 'trivy') tool = requested;
  else if (requested === 'cdxgen') tool = available.has('cdxgen') ? 'cdxgen' : 'cyclonedx-npm';
  else if (isImage) tool = available.has('syft') ? 'syft' : available.has('trivy') ? 'trivy' : undefined;
  else tool = available.has('syft') ? 'syft' : available.has('cdxgen') ? 'cdxgen' : 'cyclonedx-npm';

  if (tool === undefined) {
    plan.notRun.push({ engine: 'syft', reason: `no SBOM generator for ${label} can run here: an image needs syft or trivy` });
  } else if (tool === 'cyclonedx-npm') {
    const root = subject.kind === 'directory' ? subject.path : '.';
    const projects = npmProjects(input.files).filter((d) => root === '.' || d === root || d.startsWith(`${root}/`));
    const others = input.files.filter((f) => OTHER_MANIFESTS.test(f) && !IGNORED.test(f) && (root === '.' || f.startsWith(`${root}/`)));
    if (projects.length === 0) {
      plan.notRun.push({ engine: 'cdxgen', reason: `no npm project with a lockfile in ${label}, and neither syft nor cdxgen can run here to describe other ecosystems` });
    } else {
      const parts = projects.length === 1 ? [cyclonedx] : projects.map((d) => `${outDir}/sbom-parts/${slug(d)}.cdx.json`);
      const fileSet = new Set(input.files);
      projects.forEach((dir, i) => {
        const lockfile = NPM_LOCKFILES.map((l) => (dir === '.' ? l : `${dir}/${l}`)).find((f) => fileSet.has(f))!;
        plan.generation.push({ engine: 'cdxgen', tool, subject: { kind: 'directory', path: dir }, outputs: { 'cyclonedx-json': parts[i]! }, label: `cyclonedx-npm on ${lockfile}`, manifest: lockfile });
      });
      if (projects.length > 1) plan.merge = { from: parts, subjectName: posix.basename(input.workspace) || 'repository' };
      plan.cyclonedx = cyclonedx;
      if (requested === 'cdxgen') plan.notes.push('cdxgen is not installed: cyclonedx-npm (bundled with Gatehouse) describes the npm projects from their lockfiles');
      if (others.length > 0) plan.notes.push(`not in the SBOM: ${others.slice(0, 10).join(', ')}${others.length > 10 ? ` and ${others.length - 10} more` : ''} (cyclonedx-npm reads npm projects only; syft or cdxgen cover other ecosystems)`);
    }
  } else {
    plan.generation.push({ engine: tool === 'cdxgen' ? 'cdxgen' : tool, tool, subject, outputs: { 'cyclonedx-json': cyclonedx }, label: `${tool} on ${label}` });
    plan.cyclonedx = cyclonedx;
  }

  // SPDX, on request: syft and trivy write it; cdxgen and cyclonedx-npm do not.
  if (input.spdx && plan.cyclonedx) {
    const first = plan.generation[0]!;
    if (first.tool === 'syft' || first.tool === 'trivy') first.outputs['spdx-json'] = spdxPath;
    else {
      const spdxTool = (['syft', 'trivy'] as const).find((t) => available.has(t));
      if (spdxTool) plan.generation.push({ engine: spdxTool, tool: spdxTool, subject, outputs: { 'spdx-json': spdxPath }, label: `${spdxTool} on ${label} (SPDX)` });
      else plan.notRun.push({ engine: 'spdx', reason: `SPDX JSON was requested, but ${first.tool} writes CycloneDX only and neither syft nor trivy can run here` });
    }
    if (plan.generation.some((g) => g.outputs['spdx-json'])) plan.spdx = spdxPath;
  }

  // Scanning the SBOM.
  const scan = input.scan ?? 'none';
  if (scan !== 'none' && plan.cyclonedx) {
    plan.scan.invocations.push({
      engine: scan,
      label: `${scan} on ${plan.cyclonedx}`,
      required: true,
      options: { workspace: input.workspace, targets: [plan.cyclonedx], mode: 'sbom', ...(scan === 'grype' && input.databases?.grype ? { cacheDir: input.databases.grype } : {}) },
    });
  } else if (scan !== 'none') plan.scan.notRun.push({ engine: scan, reason: 'no SBOM was written to scan' });

  if (plan.cyclonedx) plan.notes.push(`SBOM of ${label}: ${plan.cyclonedx}${plan.spdx ? ` and ${plan.spdx}` : ''}, validated against the official CycloneDX schema before it is published`);
  if (plan.publish.dependencyTrack) plan.notes.push('the CycloneDX SBOM is uploaded to Dependency-Track');
  if (plan.publish.dependencyGraph) plan.notes.push("the SBOM's packages are submitted to GitHub's dependency graph");
  return plan;
}
