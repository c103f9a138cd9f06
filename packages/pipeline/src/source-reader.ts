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
  return createSourceReader(workspace, options).readLine;
}

export interface SourceReader {
  readLine: SourceLineReader;
  /** The whole file as text (for GitHub's line hashes, which depend on the whole file). */
  readFile: (path: string) => string | undefined;
}

/** One cache behind both readers, so a file is read at most once per run. */
export function createSourceReader(workspace: string, options: SourceReaderOptions = {}): SourceReader {
  const maxBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
  const maxCached = options.maxCachedFiles ?? 512;
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return { readLine: () => undefined, readFile: () => undefined };
  }
  const cache = new Map<string, { text: string; lines: string[] } | null>();

  const load = (path: string): { text: string; lines: string[] } | null => {
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
      const text = buffer.subarray(0, offset).toString('utf8');
      return { text, lines: text.split(/\r?\n/) };
    } catch {
      return null;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };

  const get = (path: string) => {
    let entry = cache.get(path);
    if (entry === undefined) {
      entry = load(path);
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
      cache.set(path, entry);
    }
    return entry;
  };
  return {
    readLine: (path, line) => get(path)?.lines[line - 1],
    readFile: (path) => get(path)?.text,
  };
}
