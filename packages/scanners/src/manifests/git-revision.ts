import { CommandError, runCommand } from '@gatehouse/toolchain';
import { decodeReport } from '../report-text';
import { MAX_MANIFEST_BYTES } from './read-manifest-text';

/** A commit id as git prints it (abbreviated or full, SHA-1 or SHA-256). Refs and ranges are not accepted. */
export const COMMIT_SHA = /^[0-9a-f]{7,64}$/i;

export function assertCommit(sha: string): void {
  if (!COMMIT_SHA.test(sha)) throw new Error(`not a commit id: ${JSON.stringify(sha.slice(0, 80))}`);
}

/** A repository-relative path git may be asked about: no option look-alike, no traversal, no magic. */
export function assertRepoPath(path: string): void {
  if (path === '' || path.startsWith('-') || path.startsWith('/') || path.startsWith(':') || path.includes('\\') || path.includes('\u0000') || path.split('/').includes('..')) {
    throw new Error(`not a repository path git may read: ${JSON.stringify(path.slice(0, 200))}`);
  }
}

/**
 * A file's content at a commit (`git show <sha>:<path>`), or undefined when the file does not exist
 * there (a manifest the pull request added). Any other failure is a CommandError: the caller must
 * not read it as "absent", or every package would look new (or none would).
 */
export async function readFileAtRevision(workspace: string, sha: string, path: string, timeoutMs = 60_000): Promise<string | undefined> {
  assertCommit(sha);
  assertRepoPath(path);
  // git says "path does not exist in <sha>" even for a commit it does not have (a shallow clone):
  // the commit is checked first, so a missing commit is an error, never "the file is absent".
  const exists = await runCommand({ executable: 'git', args: ['cat-file', '-e', `${sha}^{commit}`], cwd: workspace }, { timeoutMs, outputCapBytes: 1024, stderrCapBytes: 4096 });
  if (exists.exitCode !== 0) {
    throw new CommandError('exit-code', exists.command, exists.exitCode, `commit ${sha} is not in this clone (fetch it, e.g. actions/checkout with fetch-depth: 0)`, exists.signal);
  }
  const result = await runCommand(
    { executable: 'git', args: ['-c', 'core.quotePath=false', 'show', '--no-textconv', `${sha}:${path}`], cwd: workspace },
    { timeoutMs, outputCapBytes: MAX_MANIFEST_BYTES, stderrCapBytes: 16 * 1024 },
  );
  if (result.exitCode === 0) return decodeReport(result.stdout, `${sha.slice(0, 12)}:${path}`);
  const stderr = result.stderr.trim();
  if (result.exitCode === 128 && /(does not exist in|exists on disk, but not in)/.test(stderr)) return undefined;
  throw new CommandError('exit-code', result.command, result.exitCode, stderr.split('\n').at(-1) ?? '', result.signal);
}
