import type { EngineId } from '../adapter';
import { selectManifests, type DiscoveredManifest } from '../manifests/discover';
import type { EngineInvocation, ScanPlan } from '../scan-plan';

export const DEPS_ENGINES = ['osv-offline', 'osv-scanner', 'pip-audit', 'npm-audit'] as const;
export type DepsEngine = (typeof DEPS_ENGINES)[number];

export type DepsEvent =
  | { kind: 'pull_request'; baseSha: string; headSha: string; number?: number }
  | { kind: 'push'; before?: string; after: string }
  | { kind: 'schedule' | 'workflow_dispatch' | 'local' };

export interface DepsPlanInput {
  /** Absolute path of the checkout. */
  workspace: string;
  event: DepsEvent;
  /** Repository files present, repository-relative (listRepositoryFiles). */
  files: readonly string[];
  inputs?: {
    /** Engines to run; default: all four. Engines named here are required (fail the gate when they cannot run). */
    engines?: readonly DepsEngine[];
    /** More gitignore-style globs to leave out. */
    ignore?: readonly string[];
    /** Default true. */
    ignoreTestFixtures?: boolean;
    /** The OSV export osv-offline reads: a local path given by the user, or the directory refreshOsvExport keeps. */
    osvExport?: string;
    /** CycloneDX SBOMs (repository-relative) osv-offline checks too. */
    sboms?: readonly string[];
    /** A directory for osv-scanner's own offline databases; without it osv-scanner queries osv.dev. */
    osvScannerCacheDir?: string;
  };
  /** From gatherDepsGitFacts, for the summary (optional). */
  git?: { mergeBase?: string; changedFiles?: readonly string[] };
}

const NPM_AUDIT_KINDS = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
const PYTHON_KINDS = new Set(['requirements.txt', 'poetry.lock', 'uv.lock', 'Pipfile.lock']);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The dependency scan of one event, decided from the files present and the inputs (pure): every
 * manifest of the repository (npm apps in several folders and Python services alike), each engine
 * on what it can read —
 * - osv-offline: all manifests in one in-process run against the OSV export (and the SBOMs given);
 * - osv-scanner: all manifests in one run;
 * - pip-audit: one run per Python manifest (requirements*.txt, poetry.lock, uv.lock, Pipfile.lock);
 * - npm audit: one run per package-lock.json / npm-shrinkwrap.json (it reads no other lockfile).
 * Pull requests scan everything too; the action then marks the findings the PR's lockfile changes
 * introduced (markFindingsIntroducedByPullRequest) so block-new-only mode works for dependencies.
 */
export function planDeps(input: DepsPlanInput): ScanPlan {
  const inputs = input.inputs ?? {};
  const requested = new Set<DepsEngine>(inputs.engines?.length ? inputs.engines : DEPS_ENGINES);
  const explicit = inputs.engines?.length ? new Set(inputs.engines) : new Set<DepsEngine>();
  const manifests = selectManifests(input.files, { ...(inputs.ignore ? { ignore: inputs.ignore } : {}), ...(inputs.ignoreTestFixtures !== undefined ? { ignoreTestFixtures: inputs.ignoreTestFixtures } : {}) });
  const sboms = (inputs.sboms ?? []).filter((s) => s !== '' && !s.startsWith('/') && !s.split('/').includes('..'));
  const plan: ScanPlan = { invocations: [], notRun: [], notes: [] };
  const base = { workspace: input.workspace };
  const required = (engine: DepsEngine) => (explicit.has(engine) ? { required: true } : {});
  const skip = (engine: EngineId, reason: string) => plan.notRun.push({ engine, reason });

  for (const engine of DEPS_ENGINES) if (!requested.has(engine)) skip(engine, 'not enabled (input engines)');

  const npm = manifests.filter((m) => !PYTHON_KINDS.has(m.kind));
  const python = manifests.filter((m) => PYTHON_KINDS.has(m.kind));
  plan.notes.push(
    manifests.length
      ? `${plural(manifests.length, 'manifest')} found: ${plural(npm.length, 'npm lockfile')}, ${plural(python.length, 'Python manifest')} (${manifests.map((m) => m.path).join(', ')})`
      : 'no lockfiles found (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, requirements*.txt, poetry.lock, uv.lock, Pipfile.lock)',
  );
  describeEvent(input, manifests, plan);

  if (requested.has('osv-offline')) {
    if (manifests.length) {
      plan.invocations.push({
        engine: 'osv-offline',
        label: `osv-offline: ${plural(manifests.length, 'manifest')} against the OSV export${inputs.osvExport ? ` ${inputs.osvExport}` : ''}`,
        options: { ...base, targets: manifests.map((m) => m.path), mode: 'full', ...(inputs.osvExport ? { cacheDir: inputs.osvExport } : {}) },
        ...required('osv-offline'),
      });
    }
    if (sboms.length) {
      plan.invocations.push({
        engine: 'osv-offline',
        instance: 'sbom',
        label: `osv-offline: ${plural(sboms.length, 'SBOM')} (${sboms.join(', ')})`,
        options: { ...base, targets: sboms, mode: 'sbom', ...(inputs.osvExport ? { cacheDir: inputs.osvExport } : {}) },
        ...required('osv-offline'),
      });
    }
    if (!manifests.length && !sboms.length) skip('osv-offline', 'no lockfiles or SBOMs to check');
    else if (!inputs.osvExport) plan.notes.push('osv-offline has no OSV export: it will be incomplete (download one with refreshOsvExport, or give a local path)');
  }

  if (requested.has('osv-scanner')) {
    const readable = manifests.filter((m) => !m.path.includes(':'));
    for (const m of manifests.filter((m) => m.path.includes(':'))) plan.notes.push(`osv-scanner skips ${m.path}: a colon in the path would be read as "parse as"`);
    if (readable.length) {
      plan.invocations.push({
        engine: 'osv-scanner',
        label: `osv-scanner: ${plural(readable.length, 'lockfile')}${inputs.osvScannerCacheDir ? ' (offline databases)' : ''}`,
        options: { ...base, targets: readable.map((m) => m.path), mode: 'full', ...(inputs.osvScannerCacheDir ? { cacheDir: inputs.osvScannerCacheDir } : {}) },
        ...required('osv-scanner'),
      });
    } else skip('osv-scanner', 'no lockfiles');
  }

  if (requested.has('pip-audit')) {
    for (const m of python) plan.invocations.push(perManifest('pip-audit', m, base, required('pip-audit')));
    if (!python.length) skip('pip-audit', 'no Python manifests');
  }

  if (requested.has('npm-audit')) {
    const lockfiles = npm.filter((m) => NPM_AUDIT_KINDS.has(m.kind));
    for (const m of lockfiles) plan.invocations.push(perManifest('npm-audit', m, base, required('npm-audit')));
    const unsupported = npm.filter((m) => !NPM_AUDIT_KINDS.has(m.kind));
    if (unsupported.length) plan.notes.push(`npm audit reads only package-lock.json and npm-shrinkwrap.json: ${unsupported.map((m) => m.path).join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} checked by osv-scanner and osv-offline only`);
    if (!lockfiles.length) skip('npm-audit', 'no package-lock.json or npm-shrinkwrap.json');
  }
  return plan;
}

function perManifest(engine: 'pip-audit' | 'npm-audit', m: DiscoveredManifest, base: { workspace: string }, required: { required?: boolean }): EngineInvocation {
  return { engine, instance: m.path, label: `${engine}: ${m.path}`, options: { ...base, targets: [m.path], mode: 'full' }, ...required };
}

function describeEvent(input: DepsPlanInput, manifests: DiscoveredManifest[], plan: ScanPlan): void {
  const changed = new Set(input.git?.changedFiles ?? []);
  const touched = manifests.filter((m) => changed.has(m.path)).map((m) => m.path);
  if (input.event.kind === 'pull_request') {
    const range = `${(input.git?.mergeBase ?? input.event.baseSha).slice(0, 12)}..${input.event.headSha.slice(0, 12)}`;
    plan.notes.push(
      `pull request${input.event.number !== undefined ? ` #${input.event.number}` : ''} (${range}): every manifest is scanned; findings of package versions the PR's lockfile changes brought in are marked new${
        input.git?.changedFiles ? ` (${plural(touched.length, 'manifest')} changed${touched.length ? `: ${touched.join(', ')}` : ''})` : ''
      }`,
    );
  } else if (input.event.kind === 'push' && input.git?.changedFiles) {
    plan.notes.push(`push: ${plural(touched.length, 'manifest')} changed${touched.length ? ` (${touched.join(', ')})` : ''}; every manifest is scanned`);
  }
}
