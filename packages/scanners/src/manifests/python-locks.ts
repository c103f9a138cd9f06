import { ParseError } from '@gatehouse/findings';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isJsonObject } from '../json-document';
import { addPackage, emptyResult, type ManifestParseResult } from './package-ref';
import { MAX_MANIFEST_BYTES, readManifestJson } from './read-manifest-text';

function readToml(text: string, manifest: string): Record<string, unknown> {
  if (text.length > MAX_MANIFEST_BYTES) throw new ParseError(`larger than ${MAX_MANIFEST_BYTES} bytes; refused`, manifest);
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new ParseError(`invalid TOML: ${error.message.split('\n')[0]}`, manifest, error.line, error.column);
    throw new ParseError(`invalid TOML: ${error instanceof Error ? error.message : String(error)}`, manifest);
  }
}

function packagesArray(doc: Record<string, unknown>, manifest: string, what: string): unknown[] {
  if (doc.package === undefined) return [];
  if (!Array.isArray(doc.package)) throw new ParseError(`not a ${what}: "package" is not an array of tables`, manifest);
  return doc.package;
}

/**
 * poetry.lock: `[[package]]` tables with name and version; `[package.source]` of type git,
 * directory, file or url is not from an index (a `legacy` source is a private index, kept). Poetry
 * 1.x writes `category = "dev"`; 2.x writes `groups`, which do not say which group is "dev".
 */
export function parsePoetryLock(text: string, manifest: string): ManifestParseResult {
  const doc = readToml(text, manifest);
  if (!isJsonObject(doc.metadata) && doc.package === undefined) throw new ParseError('not a poetry.lock: no [metadata] and no [[package]]', manifest);
  const result = emptyResult(manifest, 'poetry.lock', 'PyPI');
  packagesArray(doc, manifest, 'poetry.lock').forEach((entry, index) => {
    const at = `[[package]] ${index + 1}`;
    if (!isJsonObject(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
      result.skipped.push({ at, reason: 'no name or version', unreadable: true });
      return;
    }
    const source = isJsonObject(entry.source) ? entry.source : undefined;
    if (source && typeof source.type === 'string' && ['git', 'directory', 'file', 'url'].includes(source.type)) {
      result.skipped.push({ at, reason: `a ${source.type} source, not from an index`, name: entry.name });
      return;
    }
    addPackage(result, at, { name: entry.name, version: entry.version, ...(entry.category === 'dev' ? { dev: true } : {}) });
  });
  return result;
}

/**
 * uv.lock: `[[package]]` tables; only `source = { registry = ... }` packages come from an index
 * (the project itself is `editable`/`virtual`; git, path, directory and url sources are skipped).
 */
export function parseUvLock(text: string, manifest: string): ManifestParseResult {
  const doc = readToml(text, manifest);
  if (doc.version === undefined && doc.package === undefined) throw new ParseError('not a uv.lock: no version and no [[package]]', manifest);
  const result = emptyResult(manifest, 'uv.lock', 'PyPI');
  packagesArray(doc, manifest, 'uv.lock').forEach((entry, index) => {
    const at = `[[package]] ${index + 1}`;
    if (!isJsonObject(entry) || typeof entry.name !== 'string') {
      result.skipped.push({ at, reason: 'no name', unreadable: true });
      return;
    }
    const source = isJsonObject(entry.source) ? entry.source : {};
    if (source.editable !== undefined || source.virtual !== undefined) return; // the project itself or a workspace member
    if (source.registry === undefined) {
      const kind = Object.keys(source)[0] ?? 'unknown';
      result.skipped.push({ at, reason: `a ${kind} source, not from an index`, name: entry.name });
      return;
    }
    if (typeof entry.version !== 'string') {
      result.skipped.push({ at, reason: 'no version', unreadable: true, name: entry.name });
      return;
    }
    addPackage(result, at, { name: entry.name, version: entry.version });
  });
  return result;
}

/**
 * Pipfile.lock: `default` and `develop` maps of name -> { version: "==1.0", hashes, markers };
 * entries with git, path, file or editable are not from an index.
 */
export function parsePipfileLock(text: string, manifest: string): ManifestParseResult {
  const doc = readManifestJson(text, manifest);
  if (!isJsonObject(doc) || (!isJsonObject(doc._meta) && !isJsonObject(doc.default))) {
    throw new ParseError('not a Pipfile.lock: no "_meta" or "default"', manifest);
  }
  const result = emptyResult(manifest, 'Pipfile.lock', 'PyPI');
  for (const section of ['default', 'develop'] as const) {
    const entries = doc[section];
    if (entries === undefined) continue;
    if (!isJsonObject(entries)) {
      result.skipped.push({ at: section, reason: 'not an object', unreadable: true });
      continue;
    }
    for (const [name, entry] of Object.entries(entries)) {
      const at = `${section}.${name.slice(0, 200)}`;
      if (!isJsonObject(entry)) {
        result.skipped.push({ at, reason: 'entry is not an object', unreadable: true, name });
        continue;
      }
      const foreign = ['git', 'path', 'file', 'editable'].find((k) => entry[k] !== undefined && entry[k] !== false);
      if (foreign) {
        result.skipped.push({ at, reason: `a ${foreign} requirement, not from an index`, name });
        continue;
      }
      const pin = typeof entry.version === 'string' ? /^===?(.+)$/.exec(entry.version.trim())?.[1] : undefined;
      if (!pin) {
        result.unpinned.push({ at, reason: 'not pinned — cannot be audited exactly', name });
        continue;
      }
      addPackage(result, at, { name, version: pin, ...(section === 'develop' ? { dev: true } : {}) });
    }
  }
  // Pipfile.lock lists the whole closure without saying which entries the Pipfile names: direct stays unknown.
  return result;
}
