import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDescription, type PreparedDescription } from './prepare-description';

const require = createRequire(import.meta.url);

export interface DescriptionLoad {
  description: PreparedDescription;
  /** Where it came from: the on-disk cache, or parsed and converted from the package. */
  source: 'cache' | 'package';
  milliseconds: number;
  cacheFile: string;
}

/** The cache is keyed by the package version and by the converter's own source, so a change to either rebuilds it. */
function cacheFileFor(packageVersion: string): string {
  const converter = readFileSync(fileURLToPath(new URL('./prepare-description.ts', import.meta.url)));
  const key = createHash('sha256').update(converter).digest('hex').slice(0, 16);
  return join(tmpdir(), 'gatehouse-testing-harness', `github-openapi-${packageVersion}-${key}.json`);
}

function packageVersion(): string {
  return (require('@octokit/openapi/package.json') as { version: string }).version;
}

let loaded: DescriptionLoad | undefined;

/**
 * GitHub's api.github.com description, prepared for validation. Loaded once per process; across
 * processes from a cache file in the temp directory (written atomically, so parallel test workers
 * never read half a file).
 */
export function loadGitHubDescription(): DescriptionLoad {
  if (loaded) return loaded;
  const started = performance.now();
  const version = packageVersion();
  const cacheFile = cacheFileFor(version);
  try {
    const description = JSON.parse(readFileSync(cacheFile, 'utf8')) as PreparedDescription;
    if (description.packageVersion === version) {
      loaded = { description, source: 'cache', milliseconds: performance.now() - started, cacheFile };
      return loaded;
    }
  } catch {
    // No cache yet, or unreadable: rebuild below.
  }
  const documentPath = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const description = prepareDescription(JSON.parse(readFileSync(documentPath, 'utf8')) as Record<string, unknown>, version);
  mkdirSync(join(tmpdir(), 'gatehouse-testing-harness'), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(description));
  renameSync(partial, cacheFile);
  loaded = { description, source: 'package', milliseconds: performance.now() - started, cacheFile };
  return loaded;
}
