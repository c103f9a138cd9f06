import { ParseError } from '@gatehouse/findings';
import { isJsonObject } from '../json-document';
import { addPackage, emptyResult, type ManifestParseResult } from './package-ref';
import { readManifestYaml } from './read-manifest-yaml';

/**
 * `pnpm-lock.yaml`, lockfile versions 5, 6 and 9. Packages are keyed `/name/1.0.0_peers` (v5),
 * `/name@1.0.0(peers)` (v6) or `name@1.0.0` (v9, whose `snapshots` repeat them with peer
 * suffixes); `importers` (or, for a single project in v5/v6, the top level) say which are direct.
 */
export function parsePnpmLock(text: string, manifest: string): ManifestParseResult {
  const doc = readManifestYaml(text, manifest);
  if (!isJsonObject(doc) || doc.lockfileVersion === undefined) {
    throw new ParseError('not a pnpm lockfile: no lockfileVersion', manifest);
  }
  const result = emptyResult(manifest, 'pnpm-lock.yaml', 'npm');
  const major = Number.parseInt(String(doc.lockfileVersion), 10);
  const direct = directVersions(doc);
  const packages = doc.packages;
  if (packages === undefined || packages === null) return result;
  if (!isJsonObject(packages)) throw new ParseError('not a pnpm lockfile: "packages" is not a map', manifest);
  const seen = new Set<string>();
  for (const [key, entry] of Object.entries(packages)) {
    const at = `packages[${JSON.stringify(key.slice(0, 300))}]`;
    const parsed = parsePackageKey(key, major);
    if (!parsed) {
      result.skipped.push({ at, reason: 'a key that names no registry package and version (a git, tarball or local dependency)' });
      continue;
    }
    const resolution = isJsonObject(entry) && isJsonObject(entry.resolution) ? entry.resolution : undefined;
    if (resolution && (typeof resolution.tarball === 'string' || typeof resolution.repo === 'string' || typeof resolution.directory === 'string')) {
      result.skipped.push({ at, reason: 'resolved from a tarball, repository or directory, not the registry', name: parsed.name });
      continue;
    }
    const id = `${parsed.name}@${parsed.version}`;
    if (seen.has(id)) continue; // the same package with other peers
    seen.add(id);
    addPackage(result, at, {
      name: parsed.name,
      version: parsed.version,
      direct: direct.get(parsed.name)?.has(parsed.version) ?? false,
      ...(isJsonObject(entry) && entry.dev === true ? { dev: true } : {}),
    });
  }
  return result;
}

/** `name@version` of a packages key, or undefined for keys that are not registry packages. */
export function parsePackageKey(key: string, major: number): { name: string; version: string } | undefined {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren >= 0) k = k.slice(0, paren);
  if (major < 6 || (key.startsWith('/') && !/@\d/.test(k.slice(1)))) {
    // v5: /name/1.0.0_peer-suffix and /@scope/name/1.0.0
    const parts = k.split('/');
    if (parts.length < 2) return undefined;
    const rawVersion = parts.pop()!;
    const version = rawVersion.split('_')[0]!;
    const name = parts.join('/');
    return plausible(name, version);
  }
  const at = k.lastIndexOf('@');
  if (at <= 0) return undefined;
  return plausible(k.slice(0, at), k.slice(at + 1));
}

function plausible(name: string, version: string): { name: string; version: string } | undefined {
  if (!name || !version || !/^\d/.test(version) || name.includes(':')) return undefined;
  if (name.startsWith('@') ? name.split('/').length !== 2 : name.includes('/')) return undefined;
  return { name, version };
}

/** name -> versions the importers (or the single project) depend on directly. */
function directVersions(doc: Record<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const projects: unknown[] = [];
  if (isJsonObject(doc.importers)) projects.push(...Object.values(doc.importers));
  else projects.push(doc);
  for (const project of projects) {
    if (!isJsonObject(project)) continue;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const deps = project[field];
      if (!isJsonObject(deps)) continue;
      for (const [name, spec] of Object.entries(deps)) {
        // v6/v9: { specifier, version }; v5: the version string itself.
        const raw = isJsonObject(spec) ? spec.version : spec;
        if (typeof raw !== 'string') continue;
        const version = raw.split('(')[0]!.split('_')[0]!;
        if (!out.has(name)) out.set(name, new Set());
        out.get(name)!.add(version);
      }
    }
  }
  return out;
}
