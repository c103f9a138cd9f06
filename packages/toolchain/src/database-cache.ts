import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@gatehouse/findings';
import { backoffDelay, DEFAULT_BACKOFF, sleepFor, type BackoffPolicy } from './backoff';
import { loadVersions } from './load-versions';
import type { CacheLocation } from './tool-cache';
import type { ToolVersions } from './tool-versions';

/** Written after a successful database update; its mtime is when the database was last refreshed. */
export const FRESHNESS_MARKER = '.gatehouse-db-updated';

/** Clock skew tolerated before a marker "from the future" stops counting as fresh. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Where a scanner keeps its vulnerability database (trivy's --cache-dir, GRYPE_DB_CACHE_DIR, the OSV
 * offline exports): `$RUNNER_TOOL_CACHE/gatehouse-db/<engine>` on a runner, else
 * `~/.cache/gatehouse/db/<engine>`.
 */
export function databaseCacheDir(engine: string, location: CacheLocation = {}): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(engine)) throw new Error(`not an engine id: ${JSON.stringify(engine)}`);
  if (location.cacheRoot) return join(location.cacheRoot, engine);
  const env = location.env ?? process.env;
  if (env.RUNNER_TOOL_CACHE) return join(env.RUNNER_TOOL_CACHE, 'gatehouse-db', engine);
  return join(location.homeDir ?? homedir(), '.cache', 'gatehouse', 'db', engine);
}

/**
 * Whether `path` (a database file or the freshness marker) was modified less than `maxAgeMs` before
 * `now`. Missing is stale; a modification time in the future beyond a small skew is stale too, so a
 * touched file cannot pin an old database as fresh forever.
 */
export async function isFresh(path: string, maxAgeMs: number, now: Date | number = Date.now()): Promise<boolean> {
  const current = typeof now === 'number' ? now : now.getTime();
  try {
    const modified = (await stat(path)).mtimeMs;
    if (modified - current > FUTURE_SKEW_MS) return false;
    return current - modified < maxAgeMs;
  } catch {
    return false;
  }
}

/** Records that the database in `dir` was refreshed at `now`. */
export async function markFresh(dir: string, now: Date | number = Date.now()): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const marker = join(dir, FRESHNESS_MARKER);
  const when = typeof now === 'number' ? new Date(now) : now;
  await writeFile(marker, `${when.toISOString()}\n`, { mode: 0o644 });
  await utimes(marker, when, when);
}

export type DatabaseRefresh =
  | { status: 'fresh' }
  | { status: 'updated'; source: string }
  | { status: 'incomplete'; reason: string };

export interface RefreshDatabaseOptions extends CacheLocation {
  versions?: ToolVersions;
  backoff?: Partial<BackoffPolicy>;
  logger?: Logger;
  now?: () => Date;
  /** Refresh even when the cached database is fresh. */
  force?: boolean;
}

/**
 * Keeps an engine's database at most a day old (the versions file's maxAgeHours). When stale it calls
 * `update(source, dir)` (the adapter runs the scanner's own download, e.g. `trivy image
 * --download-db-only --db-repository <source>`) for each documented source in order, then the mirror
 * named by the engine's mirrorEnv variable, each with bounded retries and backoff. When every source
 * fails the result is `incomplete` with the causes; it is never reported as fresh.
 */
export async function refreshDatabase(
  engine: string,
  update: (source: string, dir: string) => Promise<void>,
  options: RefreshDatabaseOptions = {},
): Promise<DatabaseRefresh> {
  const versions = options.versions ?? loadVersions();
  const pin = Object.hasOwn(versions.databases, engine) ? versions.databases[engine] : undefined;
  if (!pin) return { status: 'incomplete', reason: `${engine}: no vulnerability database is configured for it` };
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const dir = databaseCacheDir(engine, options);
  if (!options.force && (await isFresh(join(dir, FRESHNESS_MARKER), pin.maxAgeHours * 3_600_000, now()))) return { status: 'fresh' };

  const env = options.env ?? process.env;
  const mirror = env[pin.mirrorEnv]?.trim();
  const sources = mirror ? [...pin.sources, mirror] : pin.sources;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const failures: string[] = [];
  await mkdir(dir, { recursive: true, mode: 0o755 });
  for (const source of sources) {
    for (let attempt = 1; attempt <= backoff.attempts; attempt += 1) {
      if (attempt > 1) await sleepFor(backoffDelay(attempt - 1, backoff), backoff);
      try {
        await update(source, dir);
        await markFresh(dir, now());
        return { status: 'updated', source };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${source} attempt ${attempt}: ${message}`);
        logger.warning(`${engine} database: update from ${source} failed (attempt ${attempt}/${backoff.attempts}): ${message}`);
      }
    }
  }
  const hint = mirror ? '' : ` (set ${pin.mirrorEnv} to a mirror to try one more source)`;
  return { status: 'incomplete', reason: `${engine} vulnerability database could not be downloaded: ${failures.join('; ')}${hint}` };
}
