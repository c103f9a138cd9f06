import { ConfigurationError } from '@gatehouse/findings';

export interface RepositoryRef {
  owner: string;
  repo: string;
}

// GitHub's own rules: owner logins are alphanumerics and hyphens, repository names add "." and "_".
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** "owner/repo" (GITHUB_REPOSITORY) as a checked RepositoryRef. */
export function parseRepository(value: string | RepositoryRef | undefined, source = 'GITHUB_REPOSITORY'): RepositoryRef {
  if (value === undefined || value === '') throw new ConfigurationError(`${source} is not set: which repository should Gatehouse publish to?`);
  const { owner, repo } = typeof value === 'string' ? splitFullName(value) : value;
  if (!OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') {
    throw new ConfigurationError(`${source}: ${JSON.stringify(`${owner}/${repo}`).slice(0, 200)} is not an owner/repository name`);
  }
  return { owner, repo };
}

function splitFullName(fullName: string): RepositoryRef {
  const slash = fullName.indexOf('/');
  return slash < 0 ? { owner: fullName, repo: '' } : { owner: fullName.slice(0, slash), repo: fullName.slice(slash + 1) };
}
