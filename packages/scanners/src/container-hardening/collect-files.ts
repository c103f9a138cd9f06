import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toRepoPath } from '@gatehouse/findings';
import type { HardeningError } from './report';

export type HardenedFileKind = 'dockerfile' | 'compose';

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`; compose: `docker-compose.yml`, `compose.prod.yaml`. */
export function fileKind(name: string): HardenedFileKind | undefined {
  if (/^(dockerfile|containerfile)([.-][\w.-]+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) return 'dockerfile';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(name)) return 'compose';
  return undefined;
}

/** Directories that hold no image definitions of the repository's own. */
const SKIPPED_DIRS = new Set(['.git', '.gatehouse', 'node_modules', '.venv', 'venv', '.tox', '__pycache__', '.terraform']);
export const MAX_FILES = 5_000;

export interface CollectedFiles {
  files: { path: string; kind: HardenedFileKind }[];
  errors: HardeningError[];
}

function abortIf(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('container-hardening: aborted');
}

/**
 * The Dockerfiles and compose files under the targets (repository-relative files or directories;
 * none means the whole workspace). Symbolic links are not followed, so nothing outside the
 * workspace is read; a target that leaves the workspace or does not exist is an error.
 */
export async function collectFiles(workspace: string, targets: readonly string[], signal: AbortSignal): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (path: string, kind: HardenedFileKind) => {
    if (seen.has(path)) return;
    seen.add(path);
    if (out.files.length >= MAX_FILES) {
      if (out.files.length === MAX_FILES) out.errors.push({ path, message: `more than ${MAX_FILES} Dockerfiles and compose files: the rest were not checked` });
      return;
    }
    out.files.push({ path, kind });
  };

  const walk = async (dir: string): Promise<void> => {
    abortIf(signal);
    const entries = await readdir(join(workspace, dir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile()) {
        const kind = fileKind(entry.name);
        if (kind) add(path, kind);
      }
    }
  };

  for (const target of targets.length > 0 ? targets : ['.']) {
    const resolved = target === '.' ? { ok: true as const, path: '' } : toRepoPath(target, workspace);
    if (!resolved.ok) {
      out.errors.push({ path: target.slice(0, 4_096), message: `not checked: ${resolved.reason}` });
      continue;
    }
    const stat = await lstat(join(workspace, resolved.path)).catch(() => undefined);
    if (!stat) out.errors.push({ path: resolved.path, message: 'not checked: no such file or directory' });
    else if (stat.isSymbolicLink()) out.errors.push({ path: resolved.path, message: 'not checked: a symbolic link (links are not followed)' });
    else if (stat.isDirectory()) await walk(resolved.path);
    else if (stat.isFile()) {
      const kind = fileKind(resolved.path.slice(resolved.path.lastIndexOf('/') + 1));
      if (kind) add(resolved.path, kind);
    }
  }
  return out;
}

export const MAX_FILE_BYTES = 1024 * 1024;

/** A file's text, or why it could not be read (too large, not UTF-8). */
export async function readChecked(workspace: string, path: string): Promise<{ text: string } | { error: string }> {
  const stat = await lstat(join(workspace, path));
  if (stat.size > MAX_FILE_BYTES) return { error: `larger than ${MAX_FILE_BYTES} bytes: not checked` };
  const bytes = await readFile(join(workspace, path));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '') };
  } catch {
    return { error: 'not UTF-8 text: not checked' };
  }
}
