import { toRepoPath } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { packageKey, type PackageRef } from './package-ref';
import { readManifests } from './read-manifests';

/**
 * What dependency engines may be told besides the report: the lockfile one invocation audited
 * (pip-audit, npm audit and safety reports do not name it) and its packages (npm audit reports
 * vulnerable ranges, not installed versions). A ParseContext with these extra fields is still a
 * ParseContext; `gatehouse normalize` without them gives findings without a manifest.
 */
export interface DependencyParseContext extends ParseContext {
  manifest?: string;
  packages?: readonly PackageRef[];
}

/** The manifest a context names, repository-relative, or undefined (also when it leaves the workspace). */
export function manifestOf(ctx: ParseContext): string | undefined {
  const manifest = (ctx as DependencyParseContext).manifest;
  if (typeof manifest !== 'string' || manifest === '') return undefined;
  const resolved = toRepoPath(manifest, ctx.workspace);
  return resolved.ok ? resolved.path : undefined;
}

export function packagesOf(ctx: ParseContext): readonly PackageRef[] {
  const packages = (ctx as DependencyParseContext).packages;
  return Array.isArray(packages) ? packages : [];
}

/**
 * The context to parse one invocation's report with: the manifest it audited and the packages it
 * pins (for a requirements file, those of its -r includes too, each naming the file it is written
 * in), read from the workspace. A manifest that cannot be read still gives its path.
 */
export async function dependencyParseContext(ctx: ParseContext, manifest: string): Promise<DependencyParseContext> {
  const { results } = await readManifests(ctx.workspace, [{ path: manifest }]);
  return { ...ctx, manifest, packages: results[0]?.packages ?? [] };
}

/**
 * The file that pins a package of the audited manifest: for requirements files, the -r include a
 * line is written in, so every engine names the same manifest for one package; else the manifest.
 */
export function originManifestOf(ctx: ParseContext, ecosystem: string, name: string, version: string): string | undefined {
  const manifest = manifestOf(ctx);
  const origin = indexOf(packagesOf(ctx)).byNameVersion.get(`${packageKey(ecosystem, name)}\u0000${version}`)?.manifest;
  if (!origin) return manifest;
  const resolved = toRepoPath(origin, ctx.workspace);
  return resolved.ok ? resolved.path : manifest;
}

interface PackageIndex {
  byNameVersion: Map<string, PackageRef>;
  byPath: Map<string, PackageRef>;
}
const indexes = new WeakMap<readonly PackageRef[], PackageIndex>();

/** Lookups over a context's packages, built once per package list (reports can hold thousands of entries). */
export function indexOf(packages: readonly PackageRef[]): PackageIndex {
  let index = indexes.get(packages);
  if (!index) {
    index = { byNameVersion: new Map(), byPath: new Map() };
    for (const p of packages) {
      const key = `${packageKey(p.ecosystem, p.name)}\u0000${p.version}`;
      if (!index.byNameVersion.has(key)) index.byNameVersion.set(key, p);
      if (p.path && !index.byPath.has(p.path)) index.byPath.set(p.path, p);
    }
    indexes.set(packages, index);
  }
  return index;
}
