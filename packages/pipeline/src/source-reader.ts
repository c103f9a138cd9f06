import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { SourceLineReader } from '@gatehouse/findings';

export interface SourceReaderOptions {
  /** Files larger than this are not read (identity then falls back to the report's own evidence). */
  maxFileBytes?: number;
  /** How many files' lines are kept in memory at once. */
  maxCachedFiles?: number;
}

/**
 * Reads source lines for identity and SARIF fingerprints. Only files inside the workspace are read:
 * the real path (symlinks resolved) must stay under the workspace's real path, so a finding that
 * points through a symlink to /etc/passwd reads nothing.
 */
export function createSourceLineReader(workspace: string, options: SourceReaderOptions = {}): SourceLineReader {
  const maxBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
  const maxCached = options.maxCachedFiles ?? 512;
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return () => undefined;
  }
  const cache = new Map<string, string[] | null>();

  const load = (path: string): string[] | null => {
    let real: string;
    try {
      real = realpathSync(join(root, path));
    } catch {
      return null;
    }
    if (real !== root && !real.startsWith(root + sep)) return null;
    let fd: number | undefined;
    try {
      fd = openSync(real, 'r');
      const stat = fstatSync(fd);
      if (!stat.isFile() || stat.size > maxBytes) return null;
      const buffer = Buffer.alloc(stat.size);
      let offset = 0;
      while (offset < stat.size) {
        const read = readSync(fd, buffer, offset, stat.size - offset, offset);
        if (read === 0) break;
        offset += read;
      }
      if (buffer.subarray(0, Math.min(offset, 8000)).includes(0)) return null; // binary
      return buffer.subarray(0, offset).toString('utf8').split(/\r?\n/);
    } catch {
      return null;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };

  return (path: string, line: number) => {
    let lines = cache.get(path);
    if (lines === undefined) {
      lines = load(path);
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
      cache.set(path, lines);
    }
    return lines?.[line - 1];
  };
}
