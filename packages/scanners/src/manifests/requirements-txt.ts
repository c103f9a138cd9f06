import * as pep440 from '@renovatebot/pep440';
import { posix } from 'node:path';
import { addPackage, emptyResult, type ManifestParseResult } from './package-ref';

/** Reads another repository file for `-r`; undefined when it does not exist. Paths are repository-relative. */
export type IncludeReader = (path: string) => string | undefined;

export const NOT_PINNED = 'not pinned — cannot be audited exactly';
const MAX_INCLUDE_DEPTH = 10;

/** PEP 508 names: letters and digits, with . _ - inside. */
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

/** Options pip accepts in requirements files that do not name a package. */
const IGNORED_OPTIONS = /^(-i|--index-url|--extra-index-url|--no-index|-f|--find-links|--no-binary|--only-binary|--prefer-binary|--pre|--trusted-host|--require-hashes|--use-feature|--config-settings|--global-option|--hash)\b/;

/**
 * Logical lines of a requirements file as pip reads them: backslash continuations joined, comments
 * (`#` at the start or after whitespace) removed; the line number is where the logical line starts.
 */
export function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const physical = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  physical.forEach((raw, index) => {
    if (buffer === '') start = index + 1;
    const stripped = raw.replace(/(^|\s)#.*$/, '');
    if (/\\$/.test(stripped)) {
      buffer += `${stripped.slice(0, -1)} `;
      return;
    }
    buffer += stripped;
    if (buffer.trim() !== '') out.push({ line: start, text: buffer.trim() });
    buffer = '';
  });
  if (buffer.trim() !== '') out.push({ line: start, text: buffer.trim() });
  return out;
}

/** An include path resolved against the including file's folder; undefined when it leaves the repository. */
export function resolveInclude(fromManifest: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.includes('\\') || target.includes('$')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromManifest), target));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined;
}

/**
 * requirements*.txt as pip reads it: exact pins (`name==1.0`, `name===1.0`, with extras, environment
 * markers and `--hash` options) become packages; `-r`/`--requirement` includes are followed within
 * the repository (never outside it, never a URL, never twice); everything unpinned (`>=`, `~=`, no
 * version) is listed as "not pinned — cannot be audited exactly"; editable, URL and path
 * requirements are skipped with a reason. Packages keep the file they are written in as manifest.
 */
export function parseRequirementsTxt(text: string, manifest: string, readInclude?: IncludeReader): ManifestParseResult {
  const result = emptyResult(manifest, 'requirements.txt', 'PyPI');
  const visited = new Set<string>([manifest]);
  const includes: string[] = [];
  readFile(text, manifest, 0);
  if (includes.length) result.includes = includes;
  return result;

  function readFile(content: string, file: string, depth: number): void {
    const fileResult = { ...result, manifest: file };
    for (const { line, text: entry } of logicalLines(content)) {
      const at = file === manifest ? `line ${line}` : `${file} line ${line}`;
      const include = /^(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)$/.exec(entry) ?? /^-r(\S+)$/.exec(entry);
      if (include) {
        follow(include[1]!, file, at, depth);
        continue;
      }
      if (/^(-c|--constraint)\b/.test(entry)) {
        result.skipped.push({ at, reason: 'a constraints file: it pins versions only of packages required elsewhere' });
        continue;
      }
      if (/^(-e|--editable)\b/.test(entry)) {
        result.skipped.push({ at, reason: 'an editable requirement (a local or VCS checkout), not from the index' });
        continue;
      }
      if (IGNORED_OPTIONS.test(entry)) continue;
      if (entry.startsWith('-')) {
        result.skipped.push({ at, reason: `an option pip requirements files do not support here: ${entry.split(/\s/)[0]!.slice(0, 60)}` });
        continue;
      }
      readRequirement(entry, at, fileResult);
    }
  }

  function follow(target: string, from: string, at: string, depth: number): void {
    const path = resolveInclude(from, target);
    if (!path) {
      result.skipped.push({ at, reason: `-r ${target.slice(0, 200)}: outside the repository, a URL or a variable; not read` });
      return;
    }
    if (visited.has(path)) return;
    if (depth + 1 > MAX_INCLUDE_DEPTH) {
      result.skipped.push({ at, reason: `-r ${path}: includes nested deeper than ${MAX_INCLUDE_DEPTH}` });
      return;
    }
    visited.add(path);
    const content = readInclude?.(path);
    if (content === undefined) {
      result.skipped.push({ at, reason: `-r ${path}: no such file in the repository` });
      return;
    }
    includes.push(path);
    readFile(content, path, depth + 1);
  }

  function readRequirement(entry: string, at: string, fileResult: typeof result): void {
    // Options after the requirement (`--hash=sha256:...`) and the environment marker are not part of the pin.
    const withoutOptions = entry.replace(/\s--?[a-z][\w-]*(?:[=\s]\S+)?/gi, '').trim();
    const [spec] = withoutOptions.split(';');
    const match = NAME.exec(spec!.trim());
    if (!match || /^(\.|\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(spec!.trim()) || /\.(whl|zip|tar\.gz)$/i.test(spec!.trim())) {
      result.skipped.push({ at, reason: 'a path or URL requirement, not from the index' });
      return;
    }
    const name = match[1]!;
    const rest = match[3]!.trim();
    if (rest.startsWith('@')) {
      result.skipped.push({ at, reason: 'a direct URL requirement (name @ url), not from the index', name });
      return;
    }
    const specifiers = rest.replace(/^\(|\)$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    const pins = specifiers.filter((s) => /^===?[^=]/.test(s));
    const exact = pins.length === 1 ? /^===?\s*(\S+)$/.exec(pins[0]!)?.[1] : undefined;
    if (!exact || exact.includes('*')) {
      result.unpinned.push({ at, reason: NOT_PINNED, name });
      return;
    }
    if (pep440.valid(exact) === null && !pins[0]!.startsWith('===')) {
      result.skipped.push({ at, reason: `"${exact.slice(0, 100)}" is not a PEP 440 version`, name });
      return;
    }
    // fileResult shares result's arrays and names the file the line is in as the manifest.
    addPackage(fileResult, at, { name, version: exact });
  }
}
