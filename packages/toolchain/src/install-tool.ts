import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@gatehouse/findings';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-entry-policy';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { extractTarGz } from './extract-tar';
import { extractZip } from './extract-zip';
import { fetchVerifiedAsset } from './fetch-verified-asset';
import { sha256File } from './hash-file';
import { loadVersions } from './load-versions';
import { platformId } from './platform';
import { createDispatcher } from './proxy-dispatcher';
import { assetSources, type MirrorSettings } from './asset-sources';
import { checkInstalled, publishInstall, toolCacheRoot, toolInstallDir, writeManifest, type ExpectedInstall } from './tool-cache';
import { ToolInstallError } from './tool-install-error';
import type { BinaryToolPin, PlatformAssetPin, PlatformId, ToolVersions } from './tool-versions';

export interface InstallToolOptions {
  /** Defaults to this machine's platform. */
  platform?: PlatformId;
  /** Defaults to process.env: RUNNER_TOOL_CACHE, HTTPS_PROXY/HTTP_PROXY/NO_PROXY, GATEHOUSE_TOOL_MIRROR*. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides the cache location derived from env. */
  cacheRoot?: string;
  /** Overrides GATEHOUSE_TOOL_MIRROR etc. */
  mirror?: MirrorSettings;
  /** Per attempt. Default 5 minutes. */
  timeoutMs?: number;
  /** Largest asset accepted. Default 512 MiB. */
  maxBytes?: number;
  backoff?: Partial<BackoffPolicy>;
  archiveLimits?: ArchiveLimits;
  /** Extra trusted CA certificates (PEM), e.g. for a private mirror. */
  ca?: string;
  /** Plain http for tests on loopback; never needed for real releases. */
  allowHttp?: boolean;
  /** Defaults to the versions file shipped with Gatehouse. */
  versions?: ToolVersions;
  logger?: Logger;
  now?: () => Date;
}

export interface InstalledTool {
  engine: string;
  version: string;
  platform: PlatformId;
  /** Absolute path of the verified executable. */
  path: string;
  /** sha256 of the executable as installed. */
  sha256: string;
  /** sha256 of the release asset it came from (the pinned one). */
  assetSha256: string;
  source: 'cache' | 'download';
}

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

interface Resolved {
  pin: BinaryToolPin;
  platform: PlatformId;
  asset: PlatformAssetPin & { sha256: string };
  assetFile: string;
  subject: string;
}

function resolvePin(engine: string, options: InstallToolOptions): Resolved {
  const versions = options.versions ?? loadVersions();
  const pin = Object.hasOwn(versions.binaries, engine) ? versions.binaries[engine] : undefined;
  if (!pin) {
    throw new ToolInstallError('not-pinned', engine, `${engine}: no downloadable build is pinned in the versions file, so Gatehouse cannot install it`);
  }
  const platform = options.platform ?? platformId();
  if (!platform) {
    throw new ToolInstallError('unsupported-platform', engine, `${engine} ${pin.version}: this machine (${process.platform}-${process.arch}) is not a supported platform`);
  }
  const asset = pin.platforms[platform];
  if (!asset) {
    throw new ToolInstallError('unsupported-platform', engine, `${engine} ${pin.version}: no build is pinned for ${platform}`);
  }
  const subject = `${engine} ${pin.version} (${platform})`;
  if (asset.sha256 === null) {
    throw new ToolInstallError(
      'not-pinned',
      engine,
      `${subject}: the checksum is not pinned (${asset.unverifiableReason ?? 'no published checksum'}); refusing to download an unverifiable binary`,
    );
  }
  return { pin, platform, asset: { ...asset, sha256: asset.sha256 }, assetFile: asset.asset.replaceAll('{version}', pin.version), subject };
}

/**
 * Installs the pinned version of a downloadable scanner into the tool cache and returns its verified
 * executable. A cached copy is used after its recorded sha256 is checked again; otherwise the release
 * asset is downloaded (proxy-aware, retried with backoff, then the mirror), its sha256 compared with
 * the pin before anything is extracted or made executable, extracted under the archive policy, and
 * moved into the cache in one rename. Every failure is a ToolInstallError whose message can be shown
 * as the engine's `incomplete` reason.
 */
export async function installTool(engine: string, options: InstallToolOptions = {}): Promise<InstalledTool> {
  const { pin, platform, asset, assetFile, subject } = resolvePin(engine, options);
  const logger = options.logger ?? silentLogger;
  const env = options.env ?? process.env;
  const root = toolCacheRoot({ cacheRoot: options.cacheRoot, env });
  const finalDir = toolInstallDir(root, engine, pin.version, platform);
  const expected: ExpectedInstall = {
    engine,
    version: pin.version,
    platform,
    assetSha256: asset.sha256,
    executable: asset.executable,
    executableIsAsset: asset.archive === 'binary',
  };
  const installed = (path: string, sha256: string, source: InstalledTool['source']): InstalledTool => ({
    engine,
    version: pin.version,
    platform,
    path,
    sha256,
    assetSha256: asset.sha256,
    source,
  });

  const cached = await checkInstalled(finalDir, expected);
  if (cached.ok) {
    logger.debug(`${subject}: using the verified cached copy at ${cached.path}`);
    return installed(cached.path, cached.sha256, 'cache');
  }
  if (cached.reason !== 'not cached') logger.warning(`${subject}: cached copy rejected (${cached.reason}); downloading again`);

  const sources = assetSources(engine, pin, assetFile, options.mirror, env, options.allowHttp ?? false);
  const tmpRoot = join(root, '.tmp');
  const work = await makePrivateDir(tmpRoot, engine);
  const dispatcher = createDispatcher(env, options.ca ? { ca: options.ca } : {});
  try {
    const file = await fetchVerifiedAsset({
      engine,
      subject,
      expectedSha256: asset.sha256,
      sources,
      directory: work,
      dispatcher,
      timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
      allowHttp: options.allowHttp ?? false,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      logger,
    });
    const staging = join(work, 'tool');
    const executableSha256 = await prepareStaging(file, staging, asset, subject, engine, options.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS);
    await writeManifest(staging, {
      schemaVersion: 1,
      engine,
      version: pin.version,
      platform,
      assetSha256: asset.sha256,
      executable: asset.executable,
      executableSha256,
      installedAt: (options.now?.() ?? new Date()).toISOString(),
    });
    await publish(staging, finalDir, join(work, 'stale'), expected, subject, engine, logger);
    const check = await checkInstalled(finalDir, expected);
    if (!check.ok) throw new ToolInstallError('extract-failed', engine, `${subject}: the installed copy failed verification (${check.reason})`);
    logger.info(`${subject}: installed and verified (sha256 ${asset.sha256})`);
    return installed(check.path, check.sha256, 'download');
  } finally {
    await dispatcher.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The pinned tool from the cache if a verified copy is there, without any network access; undefined
 * when it is not cached (or the copy fails verification). Pin errors are thrown as by installTool.
 */
export async function cachedTool(engine: string, options: InstallToolOptions = {}): Promise<InstalledTool | undefined> {
  const { pin, platform, asset } = resolvePin(engine, options);
  const root = toolCacheRoot({ cacheRoot: options.cacheRoot, env: options.env ?? process.env });
  const check = await checkInstalled(toolInstallDir(root, engine, pin.version, platform), {
    engine,
    version: pin.version,
    platform,
    assetSha256: asset.sha256,
    executable: asset.executable,
    executableIsAsset: asset.archive === 'binary',
  });
  if (!check.ok) return undefined;
  return { engine, version: pin.version, platform, path: check.path, sha256: check.sha256, assetSha256: asset.sha256, source: 'cache' };
}

async function makePrivateDir(parent: string, engine: string): Promise<string> {
  await mkdir(parent, { recursive: true, mode: 0o700 });
  return mkdtemp(join(parent, `${engine}-`));
}

/** Puts the verified asset's contents in `staging` and returns the executable's sha256. */
async function prepareStaging(
  file: string,
  staging: string,
  asset: PlatformAssetPin,
  subject: string,
  engine: string,
  limits: ArchiveLimits,
): Promise<string> {
  try {
    await mkdir(staging, { mode: 0o755 });
    if (asset.archive === 'binary') await rename(file, join(staging, asset.executable));
    else if (asset.archive === 'tar.gz') await extractTarGz(file, staging, limits);
    else await extractZip(file, staging, limits);
    const executable = join(staging, asset.executable);
    const stat = await lstat(executable).catch(() => undefined);
    if (!stat?.isFile()) throw new Error(`the archive has no regular file ${asset.executable}`);
    // Made executable only now: after the checksum matched and the archive passed the policy.
    await chmod(executable, 0o755);
    return await sha256File(executable);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolInstallError('extract-failed', engine, `${subject}: could not extract the verified asset: ${reason}`, undefined, { cause: error });
  }
}

/**
 * Publishes staging as the cache entry. When another install got there first, its copy is kept if it
 * verifies; a copy that does not (a crash's leftover, tampering) is moved aside and replaced.
 */
async function publish(
  staging: string,
  finalDir: string,
  stale: string,
  expected: ExpectedInstall,
  subject: string,
  engine: string,
  logger: Logger,
): Promise<void> {
  try {
    if (await publishInstall(staging, finalDir)) return;
    const theirs = await checkInstalled(finalDir, expected);
    if (theirs.ok) {
      logger.debug(`${subject}: another install finished first; using it`);
      return;
    }
    await rename(finalDir, `${stale}-${randomBytes(4).toString('hex')}`).catch(() => undefined);
    if (await publishInstall(staging, finalDir)) return;
    if ((await checkInstalled(finalDir, expected)).ok) return;
    throw new Error(`could not move the install into ${finalDir}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolInstallError('extract-failed', engine, `${subject}: could not write the tool cache: ${reason}`, undefined, { cause: error });
  }
}
