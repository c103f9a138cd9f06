import type { FindingsTransform } from '@gatehouse/action-runtime';
import { markFindingsIntroducedByPullRequest, readManifests } from '@gatehouse/scanners';
import type { DepsAuditPlan } from './deps-audit-plan';

/**
 * On a pull request, marks the dependency findings its lockfile changes introduced (ADR 1000
 * "new in this pull request"): the checkout's manifests against the same manifests at the merge
 * base. Without a merge base nothing can be told apart, so every dependency finding is new (fail
 * closed: in block-new-only mode they all block) and the summary says why. Other events: none.
 */
export function pullRequestMarking(workspace: string, run: DepsAuditPlan): FindingsTransform | undefined {
  const pr = run.pullRequest;
  if (!pr) return undefined;
  if ('unavailable' in pr) {
    return async (findings) => ({
      findings: findings.map((f) => (f.location.kind === 'package' ? { ...f, isNew: true } : f)),
      notes: [`Every dependency finding counts as new: ${pr.unavailable}.`],
    });
  }
  return async (findings) => {
    const head = await readManifests(workspace, run.manifests.map((m) => ({ path: m.path, kind: m.kind })));
    const marking = await markFindingsIntroducedByPullRequest({
      workspace,
      mergeBase: pr.mergeBase,
      manifests: run.manifests.map((m) => m.path),
      headPackages: head.results.flatMap((r) => r.packages),
      findings,
    });
    // A manifest the checkout's reader refused has no head packages to compare: its findings count as new.
    const unreadable = new Set(head.failures.map((f) => f.manifest));
    const findingsOut = marking.findings.map((f) => (f.location.kind === 'package' && f.location.manifest && unreadable.has(f.location.manifest) ? { ...f, isNew: true } : f));
    const notes = head.failures.map((f) => `${f.manifest} could not be read in the checkout (${f.reason}); its findings all count as new`);
    return { findings: findingsOut, notes: [...marking.notes, ...notes] };
  };
}
