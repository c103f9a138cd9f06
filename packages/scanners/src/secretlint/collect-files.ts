import { existsSync, readFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Never scanned, whatever the ignore file says: dependency trees, git's own data, Gatehouse's
 * output folder (which holds reports), and lockfiles (integrity hashes look like secrets).
 */
export const BUILT_IN_IGNORES: readonly string[] = [
  'node_modules',
  '.git',
  '.gatehouse',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
  'go.sum',
];

export interface CollectedFiles {
  /** Paths relative to the working directory, forward slashes, sorted. */
  files: string[];
  /** Targets that could not be used, with the reason: reported as "not scanned". */
  problems: { path: string; reason: string }[];
}

/** The ignore rules: the built-in list, then `.secretlintignore` (gitignore syntax) when present. */
export function loadIgnore(cwd: string, ignoreFile?: string): Ignore {
  const rules = ignore().add([...BUILT_IN_IGNORES]);
  const path = ignoreFile ? resolve(cwd, ignoreFile) : join(cwd, '.secretlintignore');
  if (existsSync(path)) rules.add(readFileSync(path, 'utf8'));
  else if (ignoreFile) throw new Error(`ignore file not found: ${ignoreFile}`);
  return rules;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Expands targets (files and directories, relative to `cwd`) into the files to lint. Ignored
 * paths are left out, directories are walked without following symbolic links, and a target
 * outside `cwd` is refused rather than read.
 */
export async function collectFiles(targets: readonly string[], cwd: string, rules: Ignore): Promise<CollectedFiles> {
  const files = new Set<string>();
  const problems: CollectedFiles['problems'] = [];
  const stack: string[] = [];
  for (const target of targets) {
    const absolute = resolve(cwd, target);
    const rel = toPosix(relative(cwd, absolute));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      problems.push({ path: target, reason: 'outside the directory being scanned; not read' });
      continue;
    }
    stack.push(rel);
  }
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const absolute = rel === '' ? cwd : join(cwd, rel);
    let stats;
    try {
      stats = await lstat(absolute);
    } catch (error) {
      problems.push({ path: rel || '.', reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    if (stats.isSymbolicLink()) continue;
    if (stats.isDirectory()) {
      if (rel !== '' && rules.ignores(`${rel}/`)) continue;
      let entries: string[];
      try {
        entries = await readdir(absolute);
      } catch (error) {
        problems.push({ path: rel || '.', reason: `directory cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
        continue;
      }
      for (const entry of entries) stack.push(rel === '' ? entry : `${rel}/${entry}`);
    } else if (stats.isFile()) {
      if (!rules.ignores(rel)) files.add(rel);
    }
  }
  return { files: [...files].sort(), problems };
}
