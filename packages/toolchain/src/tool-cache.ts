import { lstat, mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { z } from 'zod';
import { sha256File } from './hash-file';
import type { PlatformId } from './tool-versions';

export const MANIFEST_FILE = '.gatehouse-tool.json';

export interface CacheLocation {
  /** Overrides everything below (tests, or a caller with its own layout). */
  cacheRoot?: string;
  env?: Readonly<Record<string, string | undefined>>;
  homeDir?: string;
}

/**
 * Where pinned tools are cached: `$RUNNER_TOOL_CACHE/gatehouse` on a GitHub runner (so the runner's
 * tool cache, and actions/cache if configured, can keep it), else `~/.cache/gatehouse/tools`.
 */
export function toolCacheRoot(location: CacheLocation = {}): string {
  if (location.cacheRoot) return location.cacheRoot;
  const env = location.env ?? process.env;
  if (env.RUNNER_TOOL_CACHE) return join(env.RUNNER_TOOL_CACHE, 'gatehouse');
  return join(location.homeDir ?? homedir(), '.cache', 'gatehouse', 'tools');
}

/** Cache key: engine / version / platform. Every part comes from the validated versions file. */
export function toolInstallDir(root: string, engine: string, version: string, platform: PlatformId): string {
  return join(root, engine, version, platform);
}

const manifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    engine: z.string(),
    version: z.string(),
    platform: z.string(),
    assetSha256: z.string().regex(/^[0-9a-f]{64}$/),
    executable: z.string().min(1),
    executableSha256: z.string().regex(/^[0-9a-f]{64}$/),
    installedAt: z.string(),
  })
  .strict();
export type ToolManifest = z.infer<typeof manifestSchema>;

export interface ExpectedInstall {
  engine: string;
  version: string;
  platform: PlatformId;
  assetSha256: string;
  executable: string;
  /** For a bare-binary asset the executable is the asset, so its hash must be the pinned one. */
  executableIsAsset: boolean;
}

export type CacheCheck = { ok: true; path: string; sha256: string } | { ok: false; reason: string };

/**
 * Whether `dir` holds exactly the pinned tool: a manifest for this engine/version/platform recording
 * the pinned asset checksum, and an executable (a regular file inside `dir`, not a link) whose sha256
 * is still the one recorded when the verified asset was installed.
 */
export async function checkInstalled(dir: string, expected: ExpectedInstall): Promise<CacheCheck> {
  let manifest: ToolManifest;
  try {
    const text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
    if (text.length > 64 * 1024) return { ok: false, reason: 'manifest too large' };
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return { ok: false, reason: 'manifest malformed' };
    manifest = parsed.data;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'not cached' : 'manifest unreadable' };
  }
  if (
    manifest.engine !== expected.engine ||
    manifest.version !== expected.version ||
    manifest.platform !== expected.platform ||
    manifest.assetSha256 !== expected.assetSha256 ||
    manifest.executable !== expected.executable
  ) {
    return { ok: false, reason: 'manifest does not match the pinned version' };
  }
  const path = join(dir, manifest.executable);
  try {
    const stat = await lstat(path);
    if (!stat.isFile()) return { ok: false, reason: 'executable is not a regular file' };
    if (process.platform !== 'win32' && (stat.mode & 0o100) === 0) return { ok: false, reason: 'executable is not executable' };
    const [realDir, realPath] = await Promise.all([realpath(dir), realpath(path)]);
    if (!realPath.startsWith(realDir + sep)) return { ok: false, reason: 'executable resolves outside the cache entry' };
    const sha256 = await sha256File(path);
    if (sha256 !== manifest.executableSha256) return { ok: false, reason: `executable sha256 ${sha256} differs from the recorded ${manifest.executableSha256}` };
    if (expected.executableIsAsset && sha256 !== expected.assetSha256) return { ok: false, reason: 'executable differs from the pinned asset' };
    return { ok: true, path, sha256 };
  } catch {
    return { ok: false, reason: 'executable missing' };
  }
}

export async function writeManifest(dir: string, manifest: ToolManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
}

/**
 * Moves a fully prepared staging directory to its final place in one rename, so a reader sees either
 * nothing or a complete install. Returns false when another install got there first (the caller then
 * checks theirs instead of overwriting it).
 */
export async function publishInstall(staging: string, finalDir: string): Promise<boolean> {
  await mkdir(join(finalDir, '..'), { recursive: true, mode: 0o755 });
  try {
    await rename(staging, finalDir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'EACCES' || code === 'EISDIR') {
      return false;
    }
    throw error;
  }
}
