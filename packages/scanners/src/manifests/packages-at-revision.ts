import { errorMessage } from '@gatehouse/findings';
import { readFileAtRevision } from './git-revision';
import { manifestKindOf } from './manifest-kind';
import type { PackageRef } from './package-ref';
import { parseManifest } from './parse-manifest';
import { resolveInclude } from './requirements-txt';

export interface RevisionPackages {
  packages: PackageRef[];
  /** Manifests that do not exist at that commit. */
  absent: string[];
  /** Manifests that exist but could not be read or parsed: their packages are unknown. */
  failures: { manifest: string; reason: string }[];
}

/**
 * The packages the given manifests pinned at a commit, read with `git show` (never by checking the
 * commit out), requirements `-r` includes read at the same commit.
 */
export async function packagesAtRevision(workspace: string, sha: string, manifests: readonly string[]): Promise<RevisionPackages> {
  const out: RevisionPackages = { packages: [], absent: [], failures: [] };
  const cache = new Map<string, string | undefined>();
  const read = async (path: string) => {
    if (!cache.has(path)) cache.set(path, await readFileAtRevision(workspace, sha, path));
    return cache.get(path);
  };
  for (const manifest of manifests) {
    try {
      const text = await read(manifest);
      if (text === undefined) {
        out.absent.push(manifest);
        continue;
      }
      if (manifestKindOf(manifest) === 'requirements.txt') await preloadIncludes(manifest, text, read);
      const result = parseManifest(text, manifest, { readInclude: (p) => cache.get(p) });
      out.packages.push(...result.packages);
    } catch (error) {
      out.failures.push({ manifest, reason: errorMessage(error) });
    }
  }
  return out;
}

async function preloadIncludes(manifest: string, text: string, read: (path: string) => Promise<string | undefined>): Promise<void> {
  const queue = [{ from: manifest, text, depth: 0 }];
  const visited = new Set([manifest]);
  while (queue.length) {
    const { from, text: content, depth } = queue.shift()!;
    if (depth >= 10) continue;
    for (const m of content.matchAll(/^\s*(?:-r|--requirement)(?:\s*=\s*|\s+|(?=\S))(\S+)/gm)) {
      const path = resolveInclude(from, m[1]!);
      if (!path || visited.has(path)) continue;
      visited.add(path);
      const included = await read(path).catch(() => undefined);
      if (included !== undefined) queue.push({ from: path, text: included, depth: depth + 1 });
    }
  }
}
