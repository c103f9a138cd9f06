import { ParseError } from '@gatehouse/findings';
import { isJsonObject } from '../json-document';
import { addPackage, emptyResult, type ManifestParseResult } from './package-ref';
import { MAX_MANIFEST_BYTES } from './read-manifest-text';
import { readManifestYaml } from './read-manifest-yaml';

/**
 * yarn.lock, both formats: v1 (yarn classic, its own indented format starting "# yarn lockfile v1")
 * and berry (yarn ≥ 2: YAML with a `__metadata` block). Entries resolved from the registry become
 * packages; workspace, link, portal, file, git and tarball entries are skipped with a reason. Which
 * packages are direct is in package.json, not here, so `direct` is left unknown.
 */
export function parseYarnLock(text: string, manifest: string): ManifestParseResult {
  if (text.length > MAX_MANIFEST_BYTES) throw new ParseError(`larger than ${MAX_MANIFEST_BYTES} bytes; refused`, manifest);
  if (/^\s*__metadata\s*:/m.test(text)) return parseBerry(text, manifest);
  if (!/^# yarn lockfile v1\s*$/m.test(text) && !/^"?[^\s#"][^\n]*@[^\n]*:\s*$/m.test(text)) {
    throw new ParseError('not a yarn lockfile: neither "# yarn lockfile v1" nor a berry __metadata block', manifest);
  }
  return parseClassic(text, manifest);
}

const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') && s.length >= 2 ? s.slice(1, -1) : s);

/** The package name of a v1 descriptor (`lodash@^4.17.15`, `@babel/core@^7.0.0`, `alias@npm:real@^1`). */
export function descriptorName(descriptor: string): string | undefined {
  const d = unquote(descriptor.trim());
  const at = d.indexOf('@', d.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  const name = d.slice(0, at);
  const range = d.slice(at + 1);
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@/.exec(range);
  return alias ? alias[1] : name;
}

function parseClassic(text: string, manifest: string): ManifestParseResult {
  const result = emptyResult(manifest, 'yarn.lock', 'npm');
  const lines = text.split(/\r?\n/);
  let current: { line: number; name?: string; version?: string; resolved?: string } | undefined;
  const flush = () => {
    if (!current) return;
    const at = `line ${current.line}`;
    if (!current.name) result.skipped.push({ at, reason: 'an entry whose package name cannot be read', unreadable: true });
    else if (!current.version) result.skipped.push({ at, reason: 'no version', unreadable: true, name: current.name });
    else {
      const foreign = classicForeignSource(current.resolved, current.version);
      if (foreign) result.skipped.push({ at, reason: foreign, name: current.name });
      else addPackage(result, at, { name: current.name, version: current.version });
    }
    current = undefined;
  };
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      flush();
      if (!line.endsWith(':')) {
        current = { line: index + 1 };
        return;
      }
      const first = line.slice(0, -1).split(/,\s*/)[0] ?? '';
      current = { line: index + 1, ...(descriptorName(first) ? { name: descriptorName(first)! } : {}) };
      return;
    }
    if (!current) return;
    const field = /^ {2}(version|resolved)\s+(.+)$/.exec(line);
    if (field) current[field[1] as 'version' | 'resolved'] = unquote(field[2]!.trim());
  });
  flush();
  return result;
}

function classicForeignSource(resolved: string | undefined, version: string): string | undefined {
  if (!/^\d/.test(version)) return 'a version that is not a registry version';
  if (!resolved) return undefined;
  if (/^(git\+|git:|github:|ssh:)/.test(resolved) || /\.git(#|$)/.test(resolved)) return 'a git dependency, not from the registry';
  if (/^file:/.test(resolved)) return 'a local file dependency, not from the registry';
  if (/^https?:\/\/codeload\.github\.com\//.test(resolved)) return 'a GitHub tarball dependency, not from the registry';
  return undefined;
}

/** `name@npm:1.2.3` (or a patch of it) from a berry `resolution`. */
export function berryResolution(resolution: string): { name: string; version: string } | { foreign: string } {
  const at = resolution.indexOf('@', resolution.startsWith('@') ? 1 : 0);
  if (at <= 0) return { foreign: 'an unreadable resolution' };
  const name = resolution.slice(0, at);
  const reference = resolution.slice(at + 1);
  if (reference.startsWith('npm:')) return { name, version: reference.slice(4) };
  if (reference.startsWith('patch:')) {
    // patch:lodash@npm%3A4.17.21#./patches/x.patch::... — a local patch over a registry version.
    const inner = decodeURIComponent(reference.slice(6).split('#')[0] ?? '');
    const parsed = berryResolution(inner);
    return 'name' in parsed ? parsed : { foreign: 'a patch of a package that is not from the registry' };
  }
  const protocol = /^([a-z+]+):/.exec(reference)?.[1] ?? 'unknown';
  return { foreign: `a ${protocol}: dependency, not from the registry` };
}

function parseBerry(text: string, manifest: string): ManifestParseResult {
  const doc = readManifestYaml(text, manifest);
  if (!isJsonObject(doc) || !isJsonObject(doc.__metadata)) throw new ParseError('not a yarn berry lockfile: no __metadata', manifest);
  const result = emptyResult(manifest, 'yarn.lock', 'npm');
  const seen = new Set<string>();
  for (const [key, entry] of Object.entries(doc)) {
    if (key === '__metadata') continue;
    const at = `entry ${JSON.stringify(key.slice(0, 300))}`;
    if (!isJsonObject(entry) || typeof entry.resolution !== 'string') {
      result.skipped.push({ at, reason: 'no resolution', unreadable: true });
      continue;
    }
    const resolved = berryResolution(entry.resolution);
    if ('foreign' in resolved) {
      if (!/workspace:/.test(entry.resolution)) result.skipped.push({ at, reason: resolved.foreign });
      continue;
    }
    const version = typeof entry.version === 'string' ? entry.version : resolved.version;
    const id = `${resolved.name}@${version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    addPackage(result, at, { name: resolved.name, version });
  }
  return result;
}
