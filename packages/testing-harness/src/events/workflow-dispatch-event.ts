import { DEFAULT_REPOSITORY, organizationPayload, repositoryPayload, userPayload, type RepositorySpec } from './webhook-objects';

export interface WorkflowDispatchEventOptions {
  ref?: string;
  inputs?: Record<string, string | boolean | number> | null;
  /** Path of the workflow file. */
  workflow?: string;
  repository?: RepositorySpec;
  sender?: string;
}

/** A workflow_dispatch webhook payload as GitHub writes it to GITHUB_EVENT_PATH. */
export function workflowDispatchEvent(options: WorkflowDispatchEventOptions = {}): Record<string, unknown> {
  const repository = options.repository ?? DEFAULT_REPOSITORY;
  return {
    inputs: options.inputs === undefined ? {} : options.inputs,
    ref: options.ref ?? `refs/heads/${repository.defaultBranch ?? 'main'}`,
    repository: repositoryPayload(repository),
    ...(repository.ownerType === 'Organization' ? { organization: organizationPayload(repository.owner) } : {}),
    sender: userPayload({ login: options.sender ?? 'octocat' }),
    workflow: options.workflow ?? '.github/workflows/security.yml',
  };
}
