import type { ScanPlanSetup } from '@gatehouse/action-runtime';
import { errorMessage } from '@gatehouse/findings';
import type { GitHubEvent } from '@gatehouse/github';
import { gatherDepsGitFacts, listRepositoryFiles, planDeps, selectManifests, type DepsEvent, type DepsGitFacts, type DiscoveredManifest, type ExportDownloader, type ScanPlan } from '@gatehouse/scanners';
import type { DepsAuditInputs } from './inputs';
import { ecosystemsOf, resolveOsvExport } from './osv-export';

/** The plan of one run and the facts the later steps (ratings, new-in-PR marking) need. */
export interface DepsAuditPlan {
  plan: ScanPlan;
  manifests: DiscoveredManifest[];
  /** The OSV export osv-offline reads (also used to rate pip-audit's findings), when there is one. */
  osvExport?: string;
  /** On a pull request: the merge base to compare lockfiles with, or why it could not be had. */
  pullRequest?: { mergeBase: string } | { unavailable: string };
}

export interface PlanDepsAuditOptions {
  env?: NodeJS.ProcessEnv;
  download?: ExportDownloader;
}

/** The plan's view of the GitHub event. */
export function depsEventOf(event: GitHubEvent): DepsEvent {
  if (event.kind === 'pull_request') return { kind: 'pull_request', baseSha: event.base.sha, headSha: event.head.sha, number: event.number };
  if (event.kind === 'push') return { kind: 'push', before: event.before, after: event.after };
  if (event.kind === 'workflow_dispatch') return { kind: 'workflow_dispatch' };
  return { kind: 'schedule' };
}

/**
 * deps-audit's plan: every manifest of the checkout (less the ignore globs), each engine on what it
 * reads (packages/scanners planDeps), osv-offline against the given export or osv.dev's, refreshed
 * daily in the tool cache. What cannot be had is said: an export that cannot be downloaded makes
 * osv-offline incomplete; a pull request whose merge base is not in the clone cannot tell new
 * from old, so every dependency finding then counts as new (fail closed).
 */
export async function planDepsAudit(setup: ScanPlanSetup, inputs: DepsAuditInputs, options: PlanDepsAuditOptions = {}): Promise<DepsAuditPlan> {
  const { workspace, logger } = setup;
  const env = options.env ?? process.env;
  const discovery = { ignore: inputs.ignore, ignoreTestFixtures: inputs['ignore-test-fixtures'] };
  const listed = await listRepositoryFiles(workspace, discovery);
  const manifests = selectManifests(listed.files, discovery);
  const event = depsEventOf(setup.context.event);

  let git: DepsGitFacts | undefined;
  let gitProblem: string | undefined;
  if (event.kind === 'pull_request' || event.kind === 'push') {
    try {
      git = await gatherDepsGitFacts(workspace, event.kind === 'pull_request' ? event : { kind: 'push', after: event.after, ...(event.before ? { before: event.before } : {}) });
    } catch (error) {
      gitProblem = errorMessage(error);
    }
  }

  const wantsOffline = inputs.engines.includes('osv-offline') && (manifests.length > 0 || inputs.sboms.length > 0);
  const source = wantsOffline
    ? await resolveOsvExport({
        workspace,
        given: inputs['osv-database'],
        ecosystems: ecosystemsOf(manifests, inputs.sboms),
        ...(git ? { changedFiles: git.changedFiles } : {}),
        isPullRequest: event.kind === 'pull_request',
        env,
        logger,
        ...(options.download ? { download: options.download } : {}),
      })
    : undefined;

  const plan = planDeps({
    workspace,
    event,
    files: listed.files,
    inputs: {
      engines: inputs.engines,
      ignore: inputs.ignore,
      ignoreTestFixtures: inputs['ignore-test-fixtures'],
      sboms: inputs.sboms,
      ...(source?.status === 'ready' ? { osvExport: source.path } : {}),
    },
    ...(git ? { git: { ...(git.mergeBase ? { mergeBase: git.mergeBase } : {}), changedFiles: git.changedFiles } } : {}),
  });

  if (listed.truncated) plan.notes.push(`the repository has more files than discovery looks at: only the first ${listed.files.length} were searched for manifests`);
  // A given export is described by osv-offline itself; a downloaded one says where it came from.
  if (source?.status === 'ready' && !inputs['osv-database']) plan.notes.push(`osv-offline reads ${source.description}`);
  if (source?.status === 'unavailable') {
    plan.invocations = plan.invocations.filter((i) => i.engine !== 'osv-offline');
    plan.notes = plan.notes.filter((n) => !n.startsWith('osv-offline has no OSV export'));
    (plan.incomplete ??= []).push({ engine: 'osv-offline', reason: source.reason });
  }

  const result: DepsAuditPlan = { plan, manifests, ...(source?.status === 'ready' ? { osvExport: source.path } : {}) };
  if (event.kind === 'pull_request') {
    result.pullRequest = git?.mergeBase
      ? { mergeBase: git.mergeBase }
      : { unavailable: `the merge base of the pull request could not be found (${gitProblem ?? 'no merge base'}); check out with fetch-depth: 0` };
  } else if (gitProblem) {
    plan.notes.push(`the files the push changed could not be listed (${gitProblem})`);
  }
  return result;
}
