import { TestRepo } from '../../../scanners/src/git/test-support/git-repo';
import { describe, expect, it } from 'vitest';
import type { TrustedFiles } from './trusted-files';
import { preferTrustedCommitInCheckout } from './trusted-files-in-checkout';

const throwingApi = (ref: string | undefined): TrustedFiles => ({
  description: 'the base commit',
  ref,
  read: () => {
    throw new Error('the API must not be asked');
  },
});

describe('preferTrustedCommitInCheckout', () => {
  it('reads the trusted commit from the checkout, not the working tree, and says which files it lacks', async () => {
    const repo = TestRepo.create('gatehouse-trusted-checkout-');
    repo.commit('base', { 'security/gitleaks.toml': 'base version\n' });
    const base = repo.head();
    repo.commit('pull request', { 'security/gitleaks.toml': 'pull request version\n', 'new.toml': 'x\n' });

    const files = await preferTrustedCommitInCheckout(throwingApi(base), repo.dir);

    expect(await files.read('security/gitleaks.toml')).toEqual({ found: true, path: 'security/gitleaks.toml', text: 'base version\n' });
    expect(await files.read('new.toml')).toEqual({ found: false, path: 'new.toml' });
    await expect(files.read('../outside.toml')).rejects.toThrow();
  });

  it('keeps the API reader when the checkout lacks the commit, and the workspace reader when there is no commit', async () => {
    const repo = TestRepo.create('gatehouse-trusted-checkout-');
    repo.commit('only', { 'a.txt': 'a\n' });
    const api = throwingApi('f'.repeat(40));
    expect(await preferTrustedCommitInCheckout(api, repo.dir)).toBe(api);
    const workspace = throwingApi(undefined);
    expect(await preferTrustedCommitInCheckout(workspace, repo.dir)).toBe(workspace);
  });
});
