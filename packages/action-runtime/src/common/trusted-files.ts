import { closeSync, fstatSync, mkdirSync, openSync, readSync, realpathSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { checkRepositoryPath, GitHubApiError, PermissionDenied, readTextFileAtRef, type GitHubClient, type GitHubContext } from '@gatehouse/github';

/** A file of the repository as the gate must see it: found with its text, or known to be absent. */
export type TrustedFile = { found: true; path: string; text: string } | { found: false; path: string };

/**
 * Where the policy, exceptions, VEX documents, baselines and scanner configurations are read from
 * (design: tamper resistance). On a pull request that is the base commit, through the API, never the
 * PR head the workspace holds.
 */
export interface TrustedFiles {
  /** In words, for the summary and errors: "the base commit 1a2b3c4 of pull request #7". */
  readonly description: string;
  /** The commit read through GitHub, when files come from the API. */
  readonly ref: string | undefined;
  read(path: string): Promise<TrustedFile>;
}

/** Workspace files larger than this are not configuration (the contents API stops at 1 MiB too). */
const MAX_WORKSPACE_FILE_BYTES = 16 * 1024 * 1024;

/** Files at a commit, through the contents API (404 is `found: false`; every other failure throws). */
export function filesAtRef(client: GitHubClient, ref: string, description: string): TrustedFiles {
  return {
    description,
    ref,
    async read(path) {
      try {
        const file = await readTextFileAtRef(client, checkRepositoryPath(path), ref);
        return file.found ? { found: true, path, text: file.text } : { found: false, path };
      } catch (error) {
        // The gate must not go on with defaults when it could not read what it must obey: say what to change.
        if (!(error instanceof GitHubApiError)) throw error;
        const hint = error instanceof PermissionDenied ? ' (the token needs `contents: read`: add it to the job\u2019s permissions)' : '';
        throw new ConfigurationError(`cannot read ${path} from ${description}: ${error.describe()}${hint}`);
      }
    },
  };
}

/**
 * Files of the checked-out workspace. Only regular files whose real path (symlinks resolved) stays
 * inside the workspace are read; a link out of it reads as a configuration error, never as the target.
 */
export function filesInWorkspace(workspace: string, description = 'the workspace'): TrustedFiles {
  return { description, ref: undefined, read: async (path) => readWorkspaceFile(workspace, checkRepositoryPath(path)) };
}

/**
 * The workspace first; a file it lacks is asked of GitHub at `ref`, so a job that did not check the
 * repository out (a gate job) does not quietly fall back to the built-in defaults.
 */
export function workspaceThenRef(workspace: string, atRef: TrustedFiles): TrustedFiles {
  const local = filesInWorkspace(workspace);
  return {
    description: `the workspace (else ${atRef.description})`,
    ref: atRef.ref,
    async read(path) {
      const file = await local.read(path);
      return file.found ? file : atRef.read(path);
    },
  };
}

/**
 * The trusted source for this run: the base commit on pull_request, pull_request_target and
 * merge_group; the workspace (then the run's commit through the API) on push, dispatch, schedule.
 */
export function trustedFilesFor(context: GitHubContext, client: GitHubClient, workspace: string): TrustedFiles {
  const { event } = context;
  if (event.kind === 'pull_request') {
    return filesAtRef(client, event.base.sha, `the base commit ${event.base.sha.slice(0, 7)} of pull request #${event.number}`);
  }
  if (event.kind === 'merge_group') return filesAtRef(client, event.baseSha, `the merge queue's base commit ${event.baseSha.slice(0, 7)}`);
  return workspaceThenRef(workspace, filesAtRef(client, context.sha, `commit ${context.sha.slice(0, 7)}`));
}

function readWorkspaceFile(workspace: string, path: string): TrustedFile {
  let root: string;
  let real: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return { found: false, path };
  }
  try {
    real = realpathSync(join(root, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, path };
    throw new ConfigurationError(`cannot read it (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, path);
  }
  if (real !== root && !real.startsWith(root + sep)) throw new ConfigurationError('is a link to a file outside the workspace; it is not read', path);
  const fd = openSync(real, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigurationError('is not a regular file', path);
    if (stat.size > MAX_WORKSPACE_FILE_BYTES) throw new ConfigurationError(`is ${stat.size} bytes, more than the ${MAX_WORKSPACE_FILE_BYTES} a configuration file may be`, path);
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    try {
      return { found: true, path, text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length)) };
    } catch {
      throw new ParseError('not valid UTF-8 text', path);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a trusted file (e.g. `.gitleaks.toml` from the base commit) into `directory`, a private
 * folder of this run, and returns its absolute path for an engine's `configPath`; undefined when the
 * trusted source has no such file. The PR head's copy in the workspace is never what the engine reads.
 */
export async function copyTrustedFile(files: TrustedFiles, path: string, directory: string): Promise<string | undefined> {
  const file = await files.read(path);
  if (!file.found) return undefined;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const target = join(directory, path.split('/').join('__'));
  writeFileSync(target, file.text, { mode: 0o600 });
  return target;
}
