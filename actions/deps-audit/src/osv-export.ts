import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Logger } from '@gatehouse/findings';
import { ecosystemOfKind, refreshOsvExport, type DiscoveredManifest, type ExportDownloader } from '@gatehouse/scanners';
import { createDispatcher, downloadToFile } from '@gatehouse/toolchain';

/** Where osv-offline reads its records, or why it cannot. */
export type OsvExportSource =
  | { status: 'ready'; path: string; description: string }
  | { status: 'unavailable'; reason: string };

/** osv.dev's per-ecosystem exports are hundreds of MB (npm); anything far beyond is not an export. */
const MAX_EXPORT_BYTES = 4 * 1024 ** 3;
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

/** The ecosystems osv-offline needs records of: those of the manifests, both for SBOMs (any purl). */
export function ecosystemsOf(manifests: readonly DiscoveredManifest[], sboms: readonly string[]): string[] {
  const ecosystems = new Set<string>();
  for (const m of manifests) {
    const ecosystem = ecosystemOfKind(m.kind);
    for (const e of ecosystem === 'mixed' ? ['npm', 'PyPI'] : [ecosystem]) ecosystems.add(e);
  }
  if (sboms.length) for (const e of ['npm', 'PyPI']) ecosystems.add(e);
  return [...ecosystems].sort();
}

/** The toolchain's proxy-aware, size-capped, https-only download, as refreshOsvExport wants it. */
export function exportDownloader(env: NodeJS.ProcessEnv): ExportDownloader {
  const dispatcher = createDispatcher(env);
  return async (url, destination) => {
    await downloadToFile(url, destination, { dispatcher, timeoutMs: DOWNLOAD_TIMEOUT_MS, maxBytes: MAX_EXPORT_BYTES, allowHttp: false });
  };
}

export interface OsvExportOptions {
  workspace: string;
  /** The `osv-database` input: a local export (directory of records, folder of all.zip, or one zip). */
  given?: string | undefined;
  ecosystems: readonly string[];
  /** Files the pull request changed (repository-relative), when known. */
  changedFiles?: readonly string[];
  isPullRequest: boolean;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  download?: ExportDownloader;
}

/**
 * The OSV export for this run. A given path is used as it is (offline runners), unless a pull
 * request changes files inside it: records the PR chose could hide its own vulnerable packages,
 * so that is unavailable (→ incomplete), as is a path that does not exist. Without a path the
 * osv.dev export of each needed ecosystem is downloaded into the runner's tool cache and kept a day
 * (refreshOsvExport); a failed download is unavailable with the causes, never "fresh".
 */
export async function resolveOsvExport(options: OsvExportOptions): Promise<OsvExportSource> {
  if (options.given) {
    const path = resolve(options.workspace, options.given);
    if (!existsSync(path)) return { status: 'unavailable', reason: `osv-offline: the OSV export ${options.given} (input osv-database) does not exist` };
    const inside = relative(options.workspace, path);
    if (options.isPullRequest && inside !== '' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside) && inside !== '..') {
      const prefix = `${inside.split(sep).join('/')}/`;
      const changed = (options.changedFiles ?? []).filter((f) => f === inside || f.startsWith(prefix));
      if (changed.length) {
        return { status: 'unavailable', reason: `osv-offline: the pull request changes the OSV export it would be checked against (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}); the export is trusted once merged` };
      }
    }
    return { status: 'ready', path, description: `the OSV export ${options.given}` };
  }
  if (!options.ecosystems.length) return { status: 'unavailable', reason: 'osv-offline: nothing to check' };
  const { directory, refresh } = await refreshOsvExport({
    ecosystems: options.ecosystems,
    download: options.download ?? exportDownloader(options.env),
    env: options.env,
    logger: options.logger,
  });
  if (refresh.status === 'incomplete') return { status: 'unavailable', reason: refresh.reason };
  const how = refresh.status === 'fresh' ? 'cached, under a day old' : `downloaded from ${refresh.source}`;
  return { status: 'ready', path: directory, description: `osv.dev's ${options.ecosystems.join(' and ')} export (${how})` };
}
