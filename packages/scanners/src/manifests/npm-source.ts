/**
 * Whether an npm lockfile entry came from a registry. Git, tarball-URL, file and link dependencies
 * have no registry version to look up in an advisory database: they are listed as skipped, as npm
 * audit itself skips them.
 */
export function nonRegistrySource(resolved: unknown, version: string): string | undefined {
  const spec = typeof resolved === 'string' ? resolved : '';
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(version) || /^(git\+|git:|github:)/.test(spec)) return 'a git dependency, not from the registry';
  if (/^(file:|link:)/.test(version) || /^(file:|link:)/.test(spec)) return 'a local file or link dependency, not from the registry';
  if (/^https?:\/\//.test(version)) return 'a tarball URL dependency, not from the registry';
  if (/^https?:\/\/codeload\.github\.com\//.test(spec)) return 'a GitHub tarball dependency, not from the registry';
  return undefined;
}

/** The package name a `node_modules/...` path ends in (scoped names keep their scope). */
export function nameFromNodeModulesPath(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = path.slice(at + 'node_modules/'.length);
  const parts = rest.split('/');
  if (parts[0]?.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0] || undefined;
}
