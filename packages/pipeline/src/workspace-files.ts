import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders no engine should walk into: VCS data, dependencies, our own output. */
export const ALWAYS_EXCLUDED_DIRS = new Set(['.git', 'node_modules', '.gatehouse', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox']);

export interface ListFilesOptions {
  /** Extra directory names to skip anywhere. */
  excludeDirs?: readonly string[];
  /** Stop after this many files (a pathological tree must not exhaust memory). */
  maxFiles?: number;
  /** Skip files larger than this. */
  maxFileBytes?: number;
}

/**
 * Regular files under the workspace, repository-relative with forward slashes. Symlinks are not
 * followed (a link out of the workspace must never make us read outside it). Git-ignored files are
 * included on purpose: a secret in an ignored .env is still a secret on this machine.
 */
export function listWorkspaceFiles(workspace: string, options: ListFilesOptions = {}): { files: string[]; truncated: boolean } {
  const excluded = new Set([...ALWAYS_EXCLUDED_DIRS, ...(options.excludeDirs ?? [])]);
  const maxFiles = options.maxFiles ?? 200_000;
  const maxBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
  const files: string[] = [];
  const stack = [workspace];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!excluded.has(entry.name)) stack.push(full);
      } else if (entry.isFile()) {
        try {
          if (lstatSync(full).size > maxBytes) continue;
        } catch {
          continue;
        }
        files.push(relative(workspace, full).split(sep).join('/'));
        if (files.length >= maxFiles) return { files: files.sort(), truncated: true };
      }
    }
  }
  return { files: files.sort(), truncated: false };
}
