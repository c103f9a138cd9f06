import type { EnginePreparation, PrepareEngine } from '@gatehouse/action-runtime';
import type { Logger } from '@gatehouse/findings';
import { refreshGrypeDatabase, refreshTrivyDatabase } from '@gatehouse/scanners';
import { databaseCacheDir } from '@gatehouse/toolchain';

/** The engines whose vulnerability database image-scan keeps fresh before they scan. */
const MANAGED = ['trivy', 'grype'] as const;
type ManagedEngine = (typeof MANAGED)[number];

const isManaged = (engine: string): engine is ManagedEngine => (MANAGED as readonly string[]).includes(engine);

/** Where each engine's database lives on this runner (`$RUNNER_TOOL_CACHE/gatehouse-db/<engine>`). */
export function databaseDirs(env: NodeJS.ProcessEnv): Record<ManagedEngine, string> {
  return { trivy: databaseCacheDir('trivy', { env }), grype: databaseCacheDir('grype', { env }) };
}

/**
 * Refreshes an engine's vulnerability database with the very executable that will scan (cached a
 * day; each documented source with retries, then the mirror variable), so the scan itself runs with
 * updates off and never downloads. When no source can provide it the engine is `incomplete` and not
 * run: a scan with a stale or missing database would look clean (docs/image-scan.md). Each download
 * command gets the engine's time limit.
 */
export function refreshDatabaseBeforeScan(options: { env: NodeJS.ProcessEnv; logger: Logger; timeoutMs: number }): PrepareEngine {
  const { env, logger, timeoutMs } = options;
  return async (invocation, tool): Promise<EnginePreparation> => {
    const engine = invocation.engine;
    if (!isManaged(engine)) return {};
    const refresh = engine === 'trivy' ? refreshTrivyDatabase : refreshGrypeDatabase;
    const result = await refresh({ executable: tool.path, env, logger, timeoutMs });
    if (result.status === 'incomplete') return { incomplete: result.reason };
    logger.info(result.status === 'fresh' ? `${engine}: the vulnerability database is less than a day old` : `${engine}: vulnerability database updated from ${result.source}`);
    return { options: { cacheDir: databaseDirs(env)[engine] } };
  };
}
