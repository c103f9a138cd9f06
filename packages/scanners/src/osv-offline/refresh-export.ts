import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { databaseCacheDir, loadVersions, refreshDatabase, type DatabaseRefresh, type RefreshDatabaseOptions, type ToolVersions } from '@gatehouse/toolchain';
import { DEFAULT_ZIP_LIMITS, forEachJsonEntry } from './zip-entries';

export const OSV_OFFLINE_ENGINE = 'osv-offline';

/** Ecosystems osv.dev publishes as `<Ecosystem>/all.zip` and whose names are safe as folder names. */
const ECOSYSTEM_NAME = /^[A-Za-z][A-Za-z0-9.]*$/;

/**
 * Downloads `url` to `destination` (created new). The action passes toolchain's streaming,
 * proxy-aware, size-capped download; tests pass a loopback one. Throwing fails this attempt.
 */
export type ExportDownloader = (url: string, destination: string) => Promise<void>;

export interface RefreshOsvExportOptions extends RefreshDatabaseOptions {
  /** OSV ecosystem names the scan needs (`npm`, `PyPI`). */
  ecosystems: readonly string[];
  download: ExportDownloader;
}

/**
 * The database pin for osv-offline: its own entry in the versions file when there is one, else
 * osv-scanner's (the same osv.dev bucket and mirror variable), so the export is fetched from the
 * sources the toolchain documents.
 */
export function withOsvOfflinePin(versions: ToolVersions): ToolVersions {
  if (Object.hasOwn(versions.databases, OSV_OFFLINE_ENGINE)) return versions;
  const osvScanner = versions.databases['osv-scanner'];
  if (!osvScanner) return versions;
  return { ...versions, databases: { ...versions.databases, [OSV_OFFLINE_ENGINE]: osvScanner } };
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Keeps the OSV export osv-offline reads at most a day old on a runner: `<cache>/osv-offline/
 * <Ecosystem>/all.zip` for each ecosystem the scan needs, downloaded from the pinned sources (then
 * the mirror) with retries, each zip checked to be readable before it replaces the old one. A
 * missing ecosystem forces a refresh even when the cache is fresh. Any failure is `incomplete`
 * (never fresh); the export directory is returned for `RunOptions.cacheDir`.
 */
export async function refreshOsvExport(options: RefreshOsvExportOptions): Promise<{ directory: string; refresh: DatabaseRefresh }> {
  const directory = databaseCacheDir(OSV_OFFLINE_ENGINE, options);
  const bad = options.ecosystems.filter((e) => !ECOSYSTEM_NAME.test(e));
  if (bad.length) return { directory, refresh: { status: 'incomplete', reason: `osv-offline: not an OSV ecosystem name: ${bad.join(', ')}` } };
  const ecosystems = [...new Set(options.ecosystems)].sort();
  const missing: string[] = [];
  for (const ecosystem of ecosystems) if (!(await exists(join(directory, ecosystem, 'all.zip')))) missing.push(ecosystem);
  const update = async (source: string, dir: string) => {
    for (const ecosystem of ecosystems) {
      const url = `${source.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
      await mkdir(join(dir, ecosystem), { recursive: true, mode: 0o755 });
      const partial = join(dir, ecosystem, `all.zip.${randomBytes(6).toString('hex')}.partial`);
      try {
        await options.download(url, partial);
        // A truncated or non-zip download must fail this attempt, not replace a good export.
        await forEachJsonEntry(partial, DEFAULT_ZIP_LIMITS, () => {}, () => {});
        await rename(partial, join(dir, ecosystem, 'all.zip'));
      } finally {
        await rm(partial, { force: true });
      }
    }
  };
  const refresh = await refreshDatabase(OSV_OFFLINE_ENGINE, update, {
    ...options,
    versions: withOsvOfflinePin(options.versions ?? loadVersions()),
    force: options.force === true || missing.length > 0,
  });
  return { directory, refresh };
}
