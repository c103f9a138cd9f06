import { fakeSha } from '../events/webhook-objects';

export type GitHubEventName =
  | 'pull_request'
  | 'pull_request_target'
  | 'push'
  | 'workflow_dispatch'
  | 'schedule'
  | 'merge_group'
  | (string & {});

export interface GitRefs {
  GITHUB_REF: string;
  GITHUB_REF_NAME: string;
  GITHUB_REF_TYPE: 'branch' | 'tag';
  GITHUB_SHA: string;
  GITHUB_HEAD_REF: string;
  GITHUB_BASE_REF: string;
}

interface PullRequestShape {
  number?: number;
  pull_request?: { merge_commit_sha?: string | null; head?: { ref?: string; sha?: string }; base?: { ref?: string; sha?: string } };
}

function refType(ref: string): 'branch' | 'tag' {
  return ref.startsWith('refs/tags/') ? 'tag' : 'branch';
}

function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags|pull)\//, '');
}

/**
 * GITHUB_REF, GITHUB_SHA, GITHUB_HEAD_REF and GITHUB_BASE_REF as the runner sets them for an event
 * (docs: "Events that trigger workflows"): pull_request runs on the merge ref and merge commit,
 * pull_request_target on the base branch, push on the pushed ref and `after`, workflow_dispatch on
 * the chosen ref.
 */
export function gitRefsFor(event: GitHubEventName, payload: Record<string, unknown>, defaultBranch = 'main'): GitRefs {
  const empty = { GITHUB_HEAD_REF: '', GITHUB_BASE_REF: '' };
  if (event === 'pull_request' || event === 'pull_request_target') {
    const pr = payload as PullRequestShape;
    const head = pr.pull_request?.head ?? {};
    const base = pr.pull_request?.base ?? {};
    const refs = { GITHUB_HEAD_REF: head.ref ?? '', GITHUB_BASE_REF: base.ref ?? '' };
    if (event === 'pull_request_target') {
      const ref = `refs/heads/${base.ref ?? defaultBranch}`;
      return { GITHUB_REF: ref, GITHUB_REF_NAME: refName(ref), GITHUB_REF_TYPE: 'branch', GITHUB_SHA: base.sha ?? fakeSha(ref), ...refs };
    }
    const ref = `refs/pull/${pr.number ?? 0}/merge`;
    const sha = pr.pull_request?.merge_commit_sha ?? head.sha ?? fakeSha(ref);
    return { GITHUB_REF: ref, GITHUB_REF_NAME: refName(ref), GITHUB_REF_TYPE: 'branch', GITHUB_SHA: sha, ...refs };
  }
  if (event === 'push') {
    const ref = String(payload.ref ?? `refs/heads/${defaultBranch}`);
    return { GITHUB_REF: ref, GITHUB_REF_NAME: refName(ref), GITHUB_REF_TYPE: refType(ref), GITHUB_SHA: String(payload.after ?? fakeSha(ref)), ...empty };
  }
  const ref = typeof payload.ref === 'string' ? payload.ref : `refs/heads/${defaultBranch}`;
  return { GITHUB_REF: ref, GITHUB_REF_NAME: refName(ref), GITHUB_REF_TYPE: refType(ref), GITHUB_SHA: fakeSha(`tip:${ref}`), ...empty };
}
