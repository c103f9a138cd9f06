import ignore from 'ignore';
import { manifestKindOf } from './manifest-kind';
import type { ManifestKind } from './package-ref';

/** Never scanned: installed copies, VCS data, vendored trees, virtualenvs, Gatehouse's own output. */
export const DEFAULT_IGNORE_GLOBS = [
  '**/node_modules/',
  '**/.git/',
  '**/vendor/',
  '**/bower_components/',
  '**/.venv/',
  '**/venv/',
  '**/.tox/',
  '**/__pycache__/',
  '**/.gatehouse/',
] as const;

/**
 * Test fixture folders: their lockfiles are deliberately old or broken and would drown the real
 * findings. Ignored unless the configuration turns `ignoreTestFixtures` off.
 */
export const DEFAULT_TEST_FIXTURE_GLOBS = ['**/__fixtures__/', '**/test/fixtures/', '**/tests/fixtures/', '**/testdata/', '**/spec/fixtures/'] as const;

export interface DiscoveryOptions {
  /** More gitignore-style globs to leave out (`legacy/**`, `docs/examples/`). */
  ignore?: readonly string[];
  /** Default true: leave out test fixture folders (DEFAULT_TEST_FIXTURE_GLOBS). */
  ignoreTestFixtures?: boolean;
}

export interface DiscoveredManifest {
  path: string;
  kind: ManifestKind;
}

/** A matcher for repository-relative paths (forward slashes) under the default and configured globs. */
export function ignoreMatcher(options: DiscoveryOptions = {}): (path: string) => boolean {
  const matcher = ignore().add([...DEFAULT_IGNORE_GLOBS]);
  if (options.ignoreTestFixtures !== false) matcher.add([...DEFAULT_TEST_FIXTURE_GLOBS]);
  if (options.ignore?.length) matcher.add([...options.ignore]);
  return (path: string) => path !== '' && matcher.ignores(path);
}

/**
 * The manifests among repository files (pure: the plan calls it with the list of files present).
 * Sorted by path, so a monorepo's npm apps and Python API come out in a stable order.
 */
export function selectManifests(files: readonly string[], options: DiscoveryOptions = {}): DiscoveredManifest[] {
  const ignored = ignoreMatcher(options);
  const out: DiscoveredManifest[] = [];
  for (const raw of files) {
    const path = raw.replace(/^\.\//, '');
    if (path === '' || path.startsWith('/') || path.split('/').includes('..')) continue;
    const kind = manifestKindOf(path);
    if (kind && !ignored(path)) out.push({ path, kind });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
