import type { FakeGitHub } from '../fake-github';
import { contentFile } from '../github-objects';
import { forbiddenUnless, notThisRepository } from './permission-check';

/** The branch the contents API reads when no ref is given. */
export const DEFAULT_BRANCH = 'main';

/**
 * File contents at a ref (what `state.setFile` arranged), so an action can read the base branch's
 * policy on a pull_request run. Directories and symlinks are not modelled.
 */
export function registerContentHandlers(fake: FakeGitHub): void {
  fake.setDefault('GET /repos/{owner}/{repo}/contents/{path}', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['contents'], 'read');
    if (refused) return refused;
    const gitRef = String(request.query.ref ?? DEFAULT_BRANCH);
    const path = String(request.params.path);
    const file = fake.state.file(gitRef, path);
    if (!file) return fake.errorResponse(request, 404, 'Not Found');
    return { status: 200, body: contentFile(fake.urls, fake.repository, { path, content: file.content, sha: file.sha, gitRef }) };
  });
}
