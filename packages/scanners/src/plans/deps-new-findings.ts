import type { Finding } from '@gatehouse/findings';
import { diffPackageSets, markNewFindings, type PackageSetChange } from '../manifests/package-diff';
import type { PackageRef } from '../manifests/package-ref';
import { packagesAtRevision } from '../manifests/packages-at-revision';

export interface PullRequestMarking<T> {
  findings: T[];
  change: PackageSetChange;
  /** For the summary: manifests new in the PR, manifests whose base version could not be read. */
  notes: string[];
}

/**
 * Marks the dependency findings a pull request introduced: the manifests are read at the merge base
 * with `git show` and compared with the head's packages; a finding is new when its package version
 * was added to its manifest. A manifest whose base version cannot be read counts as new in full
 * (fail closed: in block-new-only mode its findings still block) and is said in the notes.
 */
export async function markFindingsIntroducedByPullRequest<T extends Finding>(options: {
  workspace: string;
  mergeBase: string;
  manifests: readonly string[];
  headPackages: readonly PackageRef[];
  findings: readonly T[];
}): Promise<PullRequestMarking<T>> {
  const base = await packagesAtRevision(options.workspace, options.mergeBase, options.manifests);
  const unreadable = new Set(base.failures.map((f) => f.manifest));
  const comparable = base.packages.filter((p) => !unreadable.has(p.manifest));
  const change = diffPackageSets(comparable, options.headPackages);
  const notes: string[] = [];
  if (base.absent.length) notes.push(`new in this pull request: ${base.absent.join(', ')} (every package in ${base.absent.length === 1 ? 'it' : 'them'} is new)`);
  for (const failure of base.failures) notes.push(`${failure.manifest} could not be read at the merge base (${failure.reason}); its findings all count as new`);
  notes.push(`the pull request adds ${change.added.length} package versions and removes ${change.removed.length}`);
  return { findings: markNewFindings(options.findings, change), change, notes };
}
