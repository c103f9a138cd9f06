export * from './command-error';
export * from './run-command';
export * from './exit-codes';
export { loadVersions, VERSIONS_FILE } from './load-versions';
export type { ToolVersions, PlatformId, BinaryToolPin, PlatformAssetPin, PythonToolPin, NpmToolPin, DatabasePin } from './tool-versions';
export { PLATFORM_IDS } from './tool-versions';
export { platformId } from './platform';
export { ToolInstallError, type ToolInstallFailureKind, type ChecksumDetail } from './tool-install-error';
export { installTool, cachedTool, type InstallToolOptions, type InstalledTool } from './install-tool';
export { installPackagedTool, cachedPackagedTool, type PackagedInstallOptions, type InstalledPackagedTool } from './install-packaged-tool';
export type { MirrorSettings } from './asset-sources';
export { resolveTool, detectMode, readToolVersion, type ResolvedTool, type ResolveToolOptions, type ResolveMode } from './resolve-tool';
export { toolCacheRoot, type CacheLocation } from './tool-cache';
export {
  databaseCacheDir,
  isFresh,
  markFresh,
  refreshDatabase,
  FRESHNESS_MARKER,
  type DatabaseRefresh,
  type RefreshDatabaseOptions,
} from './database-cache';
export { findOnPath } from './find-on-path';
export { downloadToFile, DownloadAttemptError, type DownloadAttemptOptions, type DownloadedFile } from './download-file';
export { createDispatcher, redactUrl, type NetworkEnvironment, type DispatcherOptions } from './proxy-dispatcher';
