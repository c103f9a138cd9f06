import { ConfigurationError } from '@gatehouse/findings';
import type { GitHubContext } from './github-context';

/**
 * The commit whose policy, exceptions, VEX, baselines and scanner configs this run must obey
 * (design: tamper resistance). On pull_request (and pull_request_target, merge_group) it is the base
 * commit: a pull request that loosens the policy sees the effect only once merged. Otherwise it is
 * the commit the run checked out.
 */
export function trustedConfigRef(context: GitHubContext): string {
  const { event } = context;
  if (event.kind === 'pull_request') return event.base.sha;
  if (event.kind === 'merge_group') return event.baseSha;
  return context.sha;
}

/**
 * True only for a run on the default branch that no pull request can start: a push to it (not its
 * deletion), a schedule (GitHub runs those on the default branch), or a workflow_dispatch or other
 * event whose ref is the default branch. Only such runs write the findings ledger and the "new only"
 * baseline. When the default branch is unknown: false, except for schedule.
 */
export function isDefaultBranchRun(context: GitHubContext): boolean {
  const { event, repository } = context;
  if (event.kind === 'other' && event.name === 'schedule') return context.ref.startsWith('refs/heads/');
  if (!repository.defaultBranch) return false;
  const defaultRef = `refs/heads/${repository.defaultBranch}`;
  switch (event.kind) {
    case 'pull_request':
    case 'merge_group':
      return false;
    case 'push':
      return !event.deleted && event.ref === defaultRef && context.ref === defaultRef;
    default:
      return context.ref === defaultRef;
  }
}

export interface CodeScanningTarget {
  commitSha: string;
  /** refs/heads/x, refs/tags/x, refs/pull/N/merge or refs/pull/N/head, as the upload API requires. */
  ref: string;
}

const UPLOADABLE_REF = /^refs\/(?:heads|tags|pull)\/./;

/**
 * The commit and ref a SARIF upload describes. By default what the run checked out (GITHUB_SHA and
 * GITHUB_REF: the merge commit and refs/pull/N/merge on pull_request). `scanned: 'pull-request-head'`
 * is for a pull_request_target run that checked out the PR head: its results belong to
 * refs/pull/N/head at the head SHA.
 */
export function codeScanningTarget(context: GitHubContext, options: { scanned?: 'checkout' | 'pull-request-head' } = {}): CodeScanningTarget {
  const { event } = context;
  if (options.scanned === 'pull-request-head') {
    if (event.kind !== 'pull_request') throw new ConfigurationError(`a pull request head was scanned, but the event is ${context.eventName}`);
    return { commitSha: event.head.sha, ref: `refs/pull/${event.number}/head` };
  }
  if (!UPLOADABLE_REF.test(context.ref)) {
    throw new ConfigurationError(`GITHUB_REF ${JSON.stringify(context.ref).slice(0, 200)} is not a branch, tag or pull request ref that code scanning accepts`);
  }
  return { commitSha: context.sha, ref: context.ref };
}
