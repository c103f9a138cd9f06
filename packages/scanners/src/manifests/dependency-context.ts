import { toRepoPath } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import type { PackageRef } from './package-ref';
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
 * The context to parse one invocation's report with: the manifest it audited and that manifest's
 * packages, read from the workspace. A manifest that cannot be read still gives its path.
 */
export async function dependencyParseContext(ctx: ParseContext, manifest: string): Promise<DependencyParseContext> {
  const { results } = await readManifests(ctx.workspace, [{ path: manifest }]);
  return { ...ctx, manifest, packages: results[0]?.packages.filter((p) => p.manifest === manifest) ?? [] };
}
