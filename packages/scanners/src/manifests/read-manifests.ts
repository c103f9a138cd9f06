import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { errorMessage, ParseError } from '@gatehouse/findings';
import { decodeReport } from '../report-text';
import type { ManifestKind, ManifestParseResult } from './package-ref';
import { manifestKindOf } from './manifest-kind';
import { parseManifest } from './parse-manifest';
import { MAX_MANIFEST_BYTES } from './read-manifest-text';
import { resolveInclude } from './requirements-txt';

export interface ManifestReadFailure {
  manifest: string;
  reason: string;
}

/** The bytes of a repository file, refusing links, folders, paths leaving the workspace and files over the cap. */
export async function readRepositoryFile(workspace: string, path: string, maxBytes = MAX_MANIFEST_BYTES): Promise<Uint8Array> {
  if (path.startsWith('/') || path.split('/').includes('..') || path.includes('\\') || path.includes('\u0000')) {
    throw new ParseError('refused: not a path inside the repository', path);
  }
  // A folder on the way that is a symbolic link could lead out of the checkout.
  const [root, real] = await Promise.all([realpath(workspace), realpath(join(workspace, path)).catch(() => undefined)]);
  if (real !== undefined && !real.startsWith(root + sep)) throw new ParseError('refused: it resolves outside the repository (a symbolic link on the way)', path);
  // O_NOFOLLOW: a manifest that is a symbolic link could point anywhere on the runner.
  const handle = await open(join(workspace, path), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch((error: NodeJS.ErrnoException) => {
    throw new ParseError(error.code === 'ELOOP' ? 'refused: a symbolic link' : error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? error.message})`, path);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ParseError('refused: not a regular file', path);
    if (info.size > maxBytes) throw new ParseError(`${info.size} bytes, more than the ${maxBytes} allowed for a lockfile; refused`, path);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Reads and parses manifests of the repository. A manifest that cannot be read or parsed is a
 * failure with its reason (the engine's run is then incomplete); the others are still read.
 */
export async function readManifests(
  workspace: string,
  manifests: readonly { path: string; kind?: ManifestKind }[],
  signal?: AbortSignal,
): Promise<{ results: ManifestParseResult[]; failures: ManifestReadFailure[] }> {
  const results: ManifestParseResult[] = [];
  const failures: ManifestReadFailure[] = [];
  const includeCache = new Map<string, string | undefined>();
  for (const { path, kind } of manifests) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    try {
      const text = decodeReport(await readRepositoryFile(workspace, path), path);
      // The parser is synchronous: a requirements file's -r includes are read before it runs.
      if ((kind ?? manifestKindOf(path)) === 'requirements.txt') await preloadIncludes(workspace, path, text, includeCache);
      results.push(parseManifest(text, path, { ...(kind ? { kind } : {}), readInclude: (p) => includeCache.get(p) }));
    } catch (error) {
      failures.push({ manifest: path, reason: errorMessage(error) });
    }
  }
  return { results, failures };
}

/** Reads the transitive `-r` includes of a requirements file (within the repository) into the cache. */
async function preloadIncludes(workspace: string, manifest: string, text: string, cache: Map<string, string | undefined>): Promise<void> {
  const queue: { from: string; text: string; depth: number }[] = [{ from: manifest, text, depth: 0 }];
  while (queue.length > 0) {
    const { from, text: content, depth } = queue.shift()!;
    if (depth >= 10) continue;
    for (const match of content.matchAll(/^\s*(?:-r|--requirement)(?:\s*=\s*|\s+|(?=\S))(\S+)/gm)) {
      const path = resolveInclude(from, match[1]!);
      if (!path || cache.has(path)) continue;
      try {
        const included = decodeReport(await readRepositoryFile(workspace, path), path);
        cache.set(path, included);
        queue.push({ from: path, text: included, depth: depth + 1 });
      } catch {
        cache.set(path, undefined);
      }
    }
  }
}
