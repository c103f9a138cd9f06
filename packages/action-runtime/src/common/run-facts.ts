import type { Target } from '@gatehouse/findings';
import type { GitHubContext } from '@gatehouse/github';

/** What the findings document says was scanned: this repository at this run's commit. */
export function repositoryTarget(context: GitHubContext): Target {
  return {
    name: context.repository.fullName,
    kind: 'repository',
    repository: context.repository.fullName,
    ref: context.ref.slice(0, 1_000),
    commit: context.sha,
  };
}

/** The workflow run (this attempt), linked from the summary and the PR comment. */
export function workflowRunUrl(context: GitHubContext): string {
  const base = context.serverUrl.replace(/\/+$/, '');
  return `${base}/${context.repository.fullName}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
}
