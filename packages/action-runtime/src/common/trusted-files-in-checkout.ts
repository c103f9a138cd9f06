import { checkRepositoryPath } from '@gatehouse/github';
import { commitIfPresent, fileAtCommit } from '@gatehouse/scanners';
import type { TrustedFiles } from './trusted-files';

/**
 * The same trusted files, read from the checkout's copy of the trusted commit when the checkout has
 * it (`git cat-file`, no API call, no token permission needed), else as given (through the API).
 * Files not read from a commit (the workspace on push) are returned unchanged.
 */
export async function preferTrustedCommitInCheckout(files: TrustedFiles, workspace: string): Promise<TrustedFiles> {
  // Configuration files are small; the contents API stops at 1 MiB, git at this.
  const maxFileBytes = 16 * 1024 * 1024;
  const commit = files.ref;
  if (!commit || !(await commitIfPresent(workspace, commit))) return files;
  return {
    description: files.description,
    ref: commit,
    async read(path) {
      const text = await fileAtCommit(workspace, commit, checkRepositoryPath(path.replace(/^\.\//, '')), maxFileBytes);
      return text === undefined ? { found: false, path } : { found: true, path, text };
    },
  };
}
