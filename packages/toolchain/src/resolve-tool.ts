import { silentLogger } from '@gatehouse/findings';
import { CommandError } from './command-error';
import { findOnPath } from './find-on-path';
import { cachedTool, installTool, type InstallToolOptions } from './install-tool';
import { cachedPackagedTool, installPackagedTool, type PackagedInstallOptions } from './install-packaged-tool';
import { loadVersions } from './load-versions';
import { runCommand } from './run-command';
import { ToolInstallError } from './tool-install-error';
import type { ToolVersions } from './tool-versions';

export type ResolvedTool =
  | { status: 'available'; engine: string; path: string; version: string; source: 'path' | 'cache' | 'download' }
  | { status: 'not-run' | 'incomplete'; engine: string; reason: string };

export type ResolveMode = 'laptop' | 'actions';

export interface ResolveToolOptions extends InstallToolOptions, PackagedInstallOptions {
  /** 'actions' under GitHub Actions (see detectMode), else 'laptop'. */
  mode: ResolveMode;
  /**
   * May the pinned build be downloaded? Defaults to true in Actions and false on a laptop, where a
   * missing engine is `not-run` with an install hint unless the user opts in.
   */
  allowDownload?: boolean;
  /** How long `<tool> --version` may take. */
  versionTimeoutMs?: number;
}

/** 'actions' when running under GitHub Actions (GITHUB_ACTIONS=true), else 'laptop'. */
export function detectMode(env: Readonly<Record<string, string | undefined>> = process.env): ResolveMode {
  return env.GITHUB_ACTIONS === 'true' ? 'actions' : 'laptop';
}

type ToolKind = {
  kind: 'binary' | 'python' | 'npm';
  version: string;
  executable: string;
  versionArgs: readonly string[];
  installHint: string;
  revokedVersions: readonly string[];
};

function describeTool(versions: ToolVersions, engine: string): ToolKind | undefined {
  if (Object.hasOwn(versions.binaries, engine)) {
    const pin = versions.binaries[engine]!;
    return {
      kind: 'binary',
      version: pin.version,
      executable: engine,
      versionArgs: pin.versionArgs,
      installHint: pin.installHint,
      revokedVersions: pin.revokedVersions,
    };
  }
  if (Object.hasOwn(versions.python, engine)) {
    const pin = versions.python[engine]!;
    return { kind: 'python', version: pin.version, executable: pin.executable, versionArgs: pin.versionArgs, installHint: pin.installHint, revokedVersions: [] };
  }
  if (Object.hasOwn(versions.npm, engine)) {
    const pin = versions.npm[engine]!;
    return { kind: 'npm', version: pin.version, executable: pin.executable, versionArgs: pin.versionArgs, installHint: pin.installHint, revokedVersions: [] };
  }
  return undefined;
}

const SEMVER = /\d+\.\d+\.\d+(?:[-+][\w.-]+)?/;

/**
 * What `<tool> <versionArgs>` says its version is: the first version number printed (stdout, then
 * stderr, since some tools print it there), else its first line. Throws CommandError when it fails.
 */
export async function readToolVersion(path: string, args: readonly string[], timeoutMs = 15_000): Promise<string> {
  const result = await runCommand({ executable: path, args }, { timeoutMs, outputCapBytes: 64 * 1024, stderrCapBytes: 16 * 1024, killGraceMs: 500 });
  const tail = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  if (result.exitCode !== 0) throw new CommandError('exit-code', result.command, result.exitCode, tail, result.signal);
  const text = `${result.stdout.toString('utf8')}\n${result.stderr}`;
  const version = SEMVER.exec(text)?.[0] ?? text.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
  return (version ?? 'unknown').slice(0, 200);
}

function failureReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finds the executable an engine will run with, following the CLI contract:
 *
 * - On a laptop, a tool on PATH is used as it is (its version recorded); else a verified cached copy of
 *   the pinned build; else, when downloads are allowed, the pinned build is installed. A tool that is
 *   simply missing is `not-run` with a hint how to install it; one that is on PATH but cannot report
 *   its version, or a download that was allowed and failed, is `incomplete`.
 * - In GitHub Actions only the pinned build is used: installed through the downloader (verified cache
 *   first), or for Python/npm tools into a private venv/prefix. Anything that prevents that makes the
 *   engine `incomplete`, never silently skipped.
 */
export async function resolveTool(engine: string, options: ResolveToolOptions): Promise<ResolvedTool> {
  const versions = options.versions ?? loadVersions();
  const tool = describeTool(versions, engine);
  if (!tool) return { status: 'incomplete', engine, reason: `${engine}: not a tool Gatehouse knows how to find or install` };
  const allowDownload = options.allowDownload ?? options.mode === 'actions';
  const logger = options.logger ?? silentLogger;
  const opts = { ...options, versions };

  if (options.mode === 'laptop') {
    const onPath = await findOnPath(tool.executable, (options.env ?? process.env).PATH);
    if (onPath) {
      try {
        const version = await readToolVersion(onPath, tool.versionArgs, options.versionTimeoutMs);
        if (tool.revokedVersions.includes(version)) {
          return {
            status: 'incomplete',
            engine,
            reason: `${engine} ${version} at ${onPath} is a revoked release (known malicious or broken); refusing to scan with it: ${tool.installHint}`,
          };
        }
        if (version !== tool.version) logger.info(`${engine}: using ${onPath} (version ${version}; Gatehouse pins ${tool.version})`);
        return { status: 'available', engine, path: onPath, version, source: 'path' };
      } catch (error) {
        return { status: 'incomplete', engine, reason: `${engine} was found at ${onPath} but \`${tool.executable} ${tool.versionArgs.join(' ')}\` failed: ${failureReason(error)}` };
      }
    }
  }

  // A cache that cannot be consulted (no build for this platform, say) just means nothing is cached.
  const cached = await (tool.kind === 'binary' ? cachedTool(engine, opts) : cachedPackagedTool(engine, opts)).catch(() => undefined);
  if (cached) return { status: 'available', engine, path: cached.path, version: cached.version, source: 'cache' };
  if (!allowDownload) {
    if (options.mode === 'actions') {
      return { status: 'incomplete', engine, reason: `${engine} ${tool.version} is not in the tool cache and downloads are disabled` };
    }
    return {
      status: 'not-run',
      engine,
      reason: `${engine} is not installed (not found on PATH); ${tool.installHint}, or allow Gatehouse to download the pinned, checksum-verified version`,
    };
  }
  try {
    const installed = tool.kind === 'binary' ? await installTool(engine, opts) : await installPackagedTool(engine, opts);
    return { status: 'available', engine, path: installed.path, version: installed.version, source: installed.source };
  } catch (error) {
    if (error instanceof ToolInstallError) return { status: 'incomplete', engine, reason: error.message };
    return { status: 'incomplete', engine, reason: `${engine} ${tool.version}: could not be installed: ${failureReason(error)}` };
  }
}
