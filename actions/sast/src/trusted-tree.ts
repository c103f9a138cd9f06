import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileAtCommit, runGit } from '@gatehouse/scanners';

/** Rules directories and Rego policies are small; more than this is refused rather than copied. */
const MAX_FILES = 2_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type TrustedTree = { status: 'copied'; path: string; files: number } | { status: 'missing'; reason: string };

/**
 * Copies a repository path (a file or a directory) as it is at `commit` into `privateDir`, keeping
 * its relative layout, and returns the copy's absolute path. The base commit of a pull request is
 * where semgrep rules and Rego policies are read from: the pull request's own copy is never used.
 * `path` is repository-relative and already checked to stay inside the workspace.
 */
export async function copyTreeAtCommit(workspace: string, commit: string, path: string, privateDir: string): Promise<TrustedTree> {
  const listed = await runGit(workspace, ['ls-tree', '-r', '-z', '--name-only', commit, '--', path], { okExitCodes: [128] });
  if (listed.exitCode !== 0) return { status: 'missing', reason: `the commit ${commit.slice(0, 7)} is not in the checkout` };
  const files = listed.stdout.split('\0').filter(Boolean);
  if (files.length === 0) return { status: 'missing', reason: `${path} is not in the base commit ${commit.slice(0, 7)}` };
  if (files.length > MAX_FILES) return { status: 'missing', reason: `${path} holds ${files.length} files at the base commit, more than ${MAX_FILES}` };
  const root = join(privateDir, 'trusted-tree');
  for (const file of files) {
    const text = await fileAtCommit(workspace, commit, file, MAX_FILE_BYTES);
    if (text === undefined) continue;
    const target = join(root, file);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, text, { mode: 0o600 });
  }
  return { status: 'copied', path: join(root, path === '.' ? '' : path), files: files.length };
}
