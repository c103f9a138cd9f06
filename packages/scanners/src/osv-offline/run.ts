import { ConfigurationError } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { selectManifests, type DiscoveryOptions } from '../manifests/discover';
import { listRepositoryFiles } from '../manifests/list-files';
import { manifestKindOf } from '../manifests/manifest-kind';
import type { ManifestKind, PackageRef } from '../manifests/package-ref';
import { readManifests } from '../manifests/read-manifests';
import { buildReport } from './build-report';
import { loadOsvDatabase } from './osv-database';
import { matchPackages } from './match';

/**
 * What osv-offline scans, from the run options: `mode: 'sbom'` reads the CycloneDX SBOMs named in
 * `targets`; otherwise `targets` are lockfiles (repository-relative), and an empty target list (or
 * `.`) means every manifest in the workspace. `cacheDir` is the OSV export: a folder of records, a
 * folder of `<Ecosystem>/all.zip`, or one zip.
 */
export async function runOsvOffline(opts: RunOptions, signal: AbortSignal, discovery: DiscoveryOptions = {}): Promise<string> {
  if (!opts.cacheDir) {
    throw new ConfigurationError('osv-offline needs a local OSV export (a folder of OSV records or osv.dev\'s <Ecosystem>/all.zip): none was given');
  }
  const targets = await targetsOf(opts, signal, discovery);
  const { results, failures } = await readManifests(opts.workspace, targets, signal);
  const seen = new Set<string>();
  const packages: PackageRef[] = [];
  for (const result of results) {
    for (const pkg of result.packages) {
      // A requirements file included by two others is read twice; a package is matched once per manifest.
      const key = `${pkg.manifest}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      packages.push(pkg);
    }
  }
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
  const database = await loadOsvDatabase(opts.cacheDir, { packages }, { signal });
  const outcome = matchPackages(packages, database);
  const report = buildReport({ workspace: opts.workspace, manifests: results, readFailures: failures, packages, database, outcome });
  return `${JSON.stringify(report, null, 2)}\n`;
}

async function targetsOf(opts: RunOptions, signal: AbortSignal, discovery: DiscoveryOptions): Promise<{ path: string; kind?: ManifestKind }[]> {
  const given = opts.targets.filter((t) => t !== '' && t !== '.');
  if (opts.mode === 'sbom') {
    if (given.length === 0) throw new ConfigurationError('osv-offline in sbom mode needs the SBOM files to read');
    return given.map((path) => ({ path, kind: 'cyclonedx' }));
  }
  if (given.length > 0) {
    return given.map((path) => {
      const kind = manifestKindOf(path);
      if (!kind) throw new ConfigurationError(`osv-offline cannot read ${path}: not a lockfile it knows (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, requirements*.txt, poetry.lock, uv.lock, Pipfile.lock)`);
      return { path, kind };
    });
  }
  const listed = await listRepositoryFiles(opts.workspace, { ...discovery, signal });
  return selectManifests(listed.files, discovery);
}
