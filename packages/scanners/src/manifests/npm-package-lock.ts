import { ParseError } from '@gatehouse/findings';
import { isJsonObject } from '../json-document';
import { addPackage, emptyResult, type ManifestKind, type ManifestParseResult } from './package-ref';
import { nameFromNodeModulesPath, nonRegistrySource } from './npm-source';
import { readManifestJson } from './read-manifest-text';

const MAX_DEPTH = 200;

/**
 * package-lock.json / npm-shrinkwrap.json, lockfile versions 1, 2 and 3. Versions 2 and 3 list every
 * installed copy under `packages` keyed by its `node_modules/...` path (the root's `""` entry says
 * which are direct); version 1 nests `dependencies` trees. Workspace members and links are the
 * project's own code and are left out; git, file and tarball dependencies are skipped with a reason.
 */
export function parsePackageLock(text: string, manifest: string, kind: ManifestKind = 'package-lock.json'): ManifestParseResult {
  const doc = readManifestJson(text, manifest);
  const result = emptyResult(manifest, kind, 'npm');
  if (!isJsonObject(doc)) throw manifestShapeError(manifest, 'expected a JSON object');
  const packages = doc.packages;
  if (isJsonObject(packages)) {
    readPackagesMap(packages, result);
    return result;
  }
  const dependencies = doc.dependencies;
  if (dependencies === undefined && typeof doc.lockfileVersion === 'number') return result;
  if (!isJsonObject(dependencies)) throw manifestShapeError(manifest, 'no "packages" or "dependencies" object (is this a package-lock.json?)');
  readDependencyTree(dependencies, 'node_modules/', 0, result);
  return result;
}

function manifestShapeError(manifest: string, what: string): ParseError {
  return new ParseError(`not an npm lockfile: ${what}`, manifest);
}

function directNames(root: unknown): Set<string> {
  const names = new Set<string>();
  if (!isJsonObject(root)) return names;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = root[field];
    if (isJsonObject(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  return names;
}

function readPackagesMap(packages: Record<string, unknown>, result: ManifestParseResult): void {
  const direct = directNames(packages['']);
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue;
    const at = `packages[${JSON.stringify(path.slice(0, 300))}]`;
    if (!isJsonObject(entry)) {
      result.skipped.push({ at, reason: 'entry is not an object', unreadable: true });
      continue;
    }
    const pathName = nameFromNodeModulesPath(path);
    if (pathName === undefined) continue; // a workspace member's own folder ("packages/a"): the project's code
    if (entry.link === true) continue; // a symlink to a workspace member
    const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : pathName;
    const version = entry.version;
    if (typeof version !== 'string' || version === '') {
      result.skipped.push({ at, reason: 'no version', unreadable: true, name: pathName });
      continue;
    }
    const foreign = nonRegistrySource(entry.resolved, version);
    if (foreign) {
      result.skipped.push({ at, reason: foreign, name });
      continue;
    }
    const topLevel = path === `node_modules/${pathName}`;
    addPackage(result, at, {
      name,
      version,
      path,
      ...(isJsonObject(packages['']) ? { direct: topLevel && direct.has(pathName) } : {}),
      ...(entry.dev === true ? { dev: true } : {}),
    });
  }
}

function readDependencyTree(dependencies: Record<string, unknown>, prefix: string, depth: number, result: ManifestParseResult): void {
  if (depth > MAX_DEPTH) {
    result.skipped.push({ at: prefix, reason: `dependency tree deeper than ${MAX_DEPTH} levels`, unreadable: true });
    return;
  }
  for (const [name, entry] of Object.entries(dependencies)) {
    const path = `${prefix}${name}`;
    const at = `dependencies ${path.slice(0, 300)}`;
    if (!isJsonObject(entry)) {
      result.skipped.push({ at, reason: 'entry is not an object', unreadable: true, name });
      continue;
    }
    const version = entry.version;
    if (typeof version !== 'string' || version === '') {
      result.skipped.push({ at, reason: 'no version', unreadable: true, name });
    } else {
      // npm 6 writes an alias (`"x": {"version": "npm:real@1.0.0"}`) with the real name inside.
      const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(version);
      const realName = alias ? alias[1]! : name;
      const realVersion = alias ? alias[2]! : version;
      const foreign = nonRegistrySource(entry.resolved, realVersion);
      if (foreign) result.skipped.push({ at, reason: foreign, name });
      else addPackage(result, at, { name: realName, version: realVersion, path, ...(entry.dev === true ? { dev: true } : {}) });
    }
    if (isJsonObject(entry.dependencies)) readDependencyTree(entry.dependencies, `${path}/node_modules/`, depth + 1, result);
  }
}
