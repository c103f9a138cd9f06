import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';
import { glob } from 'tinyglobby';

/** More files than this for one pattern is a mistake (`**` over the repository), not a set of reports. */
export const MAX_FILES_PER_PATTERN = 1_000;

export interface PatternMatches {
  pattern: string;
  /** Workspace-relative paths with forward slashes, sorted. */
  files: string[];
}

function checkPattern(pattern: string, input: string): void {
  const problem =
    pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)
      ? 'must be relative to the workspace'
      : pattern.includes('\\')
        ? 'must use forward slashes'
        : pattern.split('/').includes('..')
          ? 'must not leave the workspace ("..")'
          : /[\0-\x1f\x7f]/.test(pattern)
            ? 'must not contain control characters'
            : undefined;
  if (problem) throw new ConfigurationError(`input "${input}": ${JSON.stringify(pattern).slice(0, 200)} ${problem}`);
}

/**
 * The files each glob matches inside the workspace: regular files only, symlinks not followed, and
 * any match whose real path is outside the workspace dropped. Patterns that would leave the
 * workspace are refused.
 */
export async function expandWorkspaceGlobs(workspace: string, patterns: readonly string[], input: string): Promise<PatternMatches[]> {
  const root = realpathSync(workspace);
  const results: PatternMatches[] = [];
  for (const pattern of patterns) {
    checkPattern(pattern, input);
    const found = await glob(pattern, { cwd: root, onlyFiles: true, followSymbolicLinks: false, dot: true, expandDirectories: false, absolute: false });
    if (found.length > MAX_FILES_PER_PATTERN) {
      throw new ConfigurationError(`input "${input}": ${JSON.stringify(pattern).slice(0, 200)} matches ${found.length} files, more than ${MAX_FILES_PER_PATTERN}; name the report files more precisely`);
    }
    const files = found
      .map((path) => path.split(sep).join('/'))
      .filter((path) => {
        try {
          const real = realpathSync(join(root, path));
          return real.startsWith(root + sep);
        } catch {
          return false;
        }
      })
      .sort();
    results.push({ pattern, files });
  }
  return results;
}
