import type { GitHubContext } from '@gatehouse/github';
import type { ScanEvent } from '@gatehouse/scanners';

const branchName = (ref: string) => ref.replace(/^refs\/heads\//, '');

/**
 * The commits this run must scan, as the event names them (docs/secrets.md, "Which commits"):
 * a pull request (and pull_request_target) its base..head; a push its before..after; a merge
 * queue's group what it adds to its base (scanned as a push of the queue branch); schedule,
 * dispatch and every other event the whole history.
 */
export function scanEventFor(context: GitHubContext): ScanEvent {
  const { event } = context;
  switch (event.kind) {
    case 'pull_request':
      return { kind: 'pull_request', baseSha: event.base.sha, headSha: event.head.sha, number: event.number };
    case 'push':
      return { kind: 'push', before: event.before, after: event.after, branch: branchName(event.ref) };
    case 'merge_group':
      return { kind: 'push', before: event.baseSha, after: event.headSha, branch: branchName(event.headRef) };
    case 'workflow_dispatch':
      return { kind: 'full-history', trigger: 'workflow_dispatch' };
    case 'other':
      return { kind: 'full-history', trigger: event.name };
  }
}
