import { posix } from 'node:path';
import type { ManifestKind } from './package-ref';

/**
 * The lockfile kind a repository path names, or undefined. requirements files are
 * `requirements*.txt` anywhere and any `*.txt` in a `requirements/` folder (the common
 * `requirements/base.txt` layout).
 */
export function manifestKindOf(path: string): ManifestKind | undefined {
  const base = posix.basename(path);
  switch (base) {
    case 'package-lock.json':
      return 'package-lock.json';
    case 'npm-shrinkwrap.json':
      return 'npm-shrinkwrap.json';
    case 'pnpm-lock.yaml':
      return 'pnpm-lock.yaml';
    case 'yarn.lock':
      return 'yarn.lock';
    case 'poetry.lock':
      return 'poetry.lock';
    case 'uv.lock':
      return 'uv.lock';
    case 'Pipfile.lock':
      return 'Pipfile.lock';
  }
  if (/^requirements.*\.txt$/i.test(base)) return 'requirements.txt';
  if (base.endsWith('.txt') && posix.basename(posix.dirname(path)) === 'requirements') return 'requirements.txt';
  return undefined;
}

export function ecosystemOfKind(kind: ManifestKind): 'npm' | 'PyPI' | 'mixed' {
  if (kind === 'cyclonedx') return 'mixed';
  return ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'].includes(kind) ? 'npm' : 'PyPI';
}
