import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ignoreMatcher, type DiscoveryOptions } from './discover';

export interface ListedFiles {
  files: string[];
  /** True when the walk stopped at `maxFiles`: what follows was not looked at. */
  truncated: boolean;
}

/**
 * Repository-relative paths of the regular files under `workspace`, pruning ignored folders as it
 * goes (node_modules is never entered). Symbolic links are not followed: a link could lead out of
 * the workspace or into a loop.
 */
export async function listRepositoryFiles(workspace: string, options: DiscoveryOptions & { maxFiles?: number; signal?: AbortSignal } = {}): Promise<ListedFiles> {
  const ignored = ignoreMatcher(options);
  const maxFiles = options.maxFiles ?? 500_000;
  const files: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(join(workspace, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!ignored(`${path}/`)) pending.push(path);
      } else if (entry.isFile() && !ignored(path)) {
        files.push(path);
        if (files.length >= maxFiles) return { files, truncated: true };
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/** Whether a path inside the workspace is a regular file (not a link, not a folder). */
export async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}
