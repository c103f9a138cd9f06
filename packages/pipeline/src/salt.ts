import { sha256Hex } from '@gatehouse/findings';

/**
 * The per-repository secret salt for secret hashes. GATEHOUSE_SALT (a repository or organisation
 * secret) is the real protection; without it the salt is derived from the repository's identity, which
 * keeps hashes stable across runs but is guessable by anyone who knows the repository, so hashes then
 * only hide secrets from people who do not. docs/secrets.md says so.
 */
export function resolveSalt(env: NodeJS.ProcessEnv, fallbackIdentity: string): { salt: string; source: 'GATEHOUSE_SALT' | 'derived' } {
  const configured = env.GATEHOUSE_SALT?.trim();
  if (configured && configured.length >= 16) return { salt: configured, source: 'GATEHOUSE_SALT' };
  const identity = env.GITHUB_REPOSITORY_ID ?? env.GITHUB_REPOSITORY ?? fallbackIdentity;
  return { salt: sha256Hex(`gatehouse-salt-v1:${identity}`), source: 'derived' };
}
