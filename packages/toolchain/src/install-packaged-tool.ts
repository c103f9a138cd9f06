import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@gatehouse/findings';
import { z } from 'zod';
import { findOnPath } from './find-on-path';
import { loadVersions } from './load-versions';
import { platformId } from './platform';
import { runCommand } from './run-command';
import { toolCacheRoot, toolInstallDir } from './tool-cache';
import { ToolInstallError } from './tool-install-error';
import type { NpmToolPin, PlatformId, PythonToolPin, ToolVersions } from './tool-versions';

export interface PackagedInstallOptions {
  platform?: PlatformId;
  env?: Readonly<Record<string, string | undefined>>;
  cacheRoot?: string;
  versions?: ToolVersions;
  logger?: Logger;
  /** python3 and npm to install with; found on PATH when not given. */
  pythonExecutable?: string;
  npmExecutable?: string;
  /** For each pip / npm command. Default 10 minutes. */
  installTimeoutMs?: number;
}

export interface InstalledPackagedTool {
  engine: string;
  version: string;
  path: string;
  source: 'cache' | 'download';
}

/** Names the current install; written last, by rename, so it only ever points at a finished one. */
const POINTER_FILE = '.gatehouse-package.json';

const pointerSchema = z
  .object({
    schemaVersion: z.literal(1),
    engine: z.string(),
    version: z.string(),
    kind: z.enum(['python', 'npm']),
    /** Directory of the install, a sibling of this file. */
    directory: z.string().regex(/^(venv|npm)-[0-9a-f]{16}$/),
    /** The executable, relative to `directory`. */
    executable: z.string().min(1),
    integrity: z.string().optional(),
    installedAt: z.string(),
  })
  .strict();
type Pointer = z.infer<typeof pointerSchema>;

type Pinned = { kind: 'python'; pin: PythonToolPin } | { kind: 'npm'; pin: NpmToolPin };

function resolvePackaged(engine: string, versions: ToolVersions): Pinned {
  if (Object.hasOwn(versions.python, engine)) return { kind: 'python', pin: versions.python[engine]! };
  if (Object.hasOwn(versions.npm, engine)) return { kind: 'npm', pin: versions.npm[engine]! };
  throw new ToolInstallError('not-pinned', engine, `${engine}: no Python or npm package is pinned for it in the versions file`);
}

function installRoot(engine: string, version: string, options: PackagedInstallOptions): string {
  const platform = options.platform ?? platformId();
  if (!platform) throw new ToolInstallError('unsupported-platform', engine, `${engine} ${version}: this machine is not a supported platform`);
  return toolInstallDir(toolCacheRoot({ cacheRoot: options.cacheRoot, env: options.env ?? process.env }), engine, version, platform);
}

function pythonExecutableIn(venv: string, name: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', `${name}.exe`) : join(venv, 'bin', name);
}

async function readPointer(root: string): Promise<Pointer | undefined> {
  try {
    const parsed = pointerSchema.safeParse(JSON.parse(await readFile(join(root, POINTER_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The integrity npm recorded for a package it installed into `prefix`. */
async function lockedIntegrity(prefix: string, name: string): Promise<{ version?: string; integrity?: string }> {
  try {
    const lock = JSON.parse(await readFile(join(prefix, 'package-lock.json'), 'utf8')) as { packages?: Record<string, unknown> };
    const entry = lock.packages && Object.hasOwn(lock.packages, `node_modules/${name}`) ? lock.packages[`node_modules/${name}`] : undefined;
    if (!entry || typeof entry !== 'object') return {};
    const { version, integrity } = entry as { version?: unknown; integrity?: unknown };
    return { ...(typeof version === 'string' ? { version } : {}), ...(typeof integrity === 'string' ? { integrity } : {}) };
  } catch {
    return {};
  }
}

/** A cached install of the pinned Python/npm tool, checked (pointer, files, npm integrity); no network. */
export async function cachedPackagedTool(engine: string, options: PackagedInstallOptions = {}): Promise<InstalledPackagedTool | undefined> {
  const { kind, pin } = resolvePackaged(engine, options.versions ?? loadVersions());
  const root = installRoot(engine, pin.version, options);
  const pointer = await readPointer(root);
  if (!pointer || pointer.engine !== engine || pointer.version !== pin.version || pointer.kind !== kind) return undefined;
  const directory = join(root, pointer.directory);
  const path = join(directory, pointer.executable);
  try {
    await access(path);
  } catch {
    return undefined;
  }
  if (kind === 'npm') {
    const locked = await lockedIntegrity(directory, pin.package);
    if (locked.integrity !== (pin as NpmToolPin).integrity || locked.version !== pin.version) return undefined;
  }
  return { engine, version: pin.version, path, source: 'cache' };
}

/**
 * Installs a pinned Python tool into a private venv (pip, exact version, wheels only, with
 * `--require-hashes` when the versions file has the closure's hashes) or a pinned npm tool into a
 * private prefix (`--ignore-scripts`, then its integrity checked against the pin in npm's lockfile).
 * The install goes to a fresh directory; a pointer file naming it is written last, by rename.
 */
export async function installPackagedTool(engine: string, options: PackagedInstallOptions = {}): Promise<InstalledPackagedTool> {
  const pinned = resolvePackaged(engine, options.versions ?? loadVersions());
  const cached = await cachedPackagedTool(engine, options);
  if (cached) return cached;
  const root = installRoot(engine, pinned.pin.version, options);
  await mkdir(root, { recursive: true, mode: 0o755 });
  const subject = `${engine} ${pinned.pin.version}`;
  const logger = options.logger ?? silentLogger;
  const env = options.env ?? process.env;
  const timeoutMs = options.installTimeoutMs ?? 10 * 60_000;
  const directoryName = `${pinned.kind === 'python' ? 'venv' : 'npm'}-${randomBytes(8).toString('hex')}`;
  const directory = join(root, directoryName);
  try {
    const result: { executable: string; integrity?: string } =
      pinned.kind === 'python'
        ? await installPython(pinned.pin, directory, subject, engine, env, options, timeoutMs)
        : await installNpm(pinned.pin, directory, subject, engine, env, options, timeoutMs);
    const pointer: Pointer = {
      schemaVersion: 1,
      engine,
      version: pinned.pin.version,
      kind: pinned.kind,
      directory: directoryName,
      executable: result.executable,
      ...(result.integrity ? { integrity: result.integrity } : {}),
      installedAt: new Date().toISOString(),
    };
    const temporary = join(root, `${POINTER_FILE}.${randomBytes(4).toString('hex')}`);
    await writeFile(temporary, `${JSON.stringify(pointer, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
    await rename(temporary, join(root, POINTER_FILE));
    logger.info(`${subject}: installed into ${directory}`);
    return { engine, version: pinned.pin.version, path: join(directory, result.executable), source: 'download' };
  } catch (error) {
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof ToolInstallError) throw error;
    throw new ToolInstallError('download-failed', engine, `${subject}: install failed: ${error instanceof Error ? error.message : String(error)}`, undefined, {
      cause: error,
    });
  }
}

async function requireExecutable(given: string | undefined, name: string, env: Readonly<Record<string, string | undefined>>, engine: string, subject: string): Promise<string> {
  const found = given ?? (await findOnPath(name, env.PATH));
  if (!found) throw new ToolInstallError('download-failed', engine, `${subject}: ${name} is not installed, so the pinned package cannot be installed`);
  return found;
}

function passThrough(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

async function run(executable: string, args: string[], env: Record<string, string>, timeoutMs: number, what: string): Promise<void> {
  const result = await runCommand({ executable, args, env }, { timeoutMs, outputCapBytes: 16 * 1024 * 1024 });
  if (result.exitCode !== 0) {
    const tail = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
    throw new Error(`${what} exited with code ${result.exitCode}${tail ? `: ${tail}` : ''}`);
  }
}

async function installPython(
  pin: PythonToolPin,
  venv: string,
  subject: string,
  engine: string,
  env: Readonly<Record<string, string | undefined>>,
  options: PackagedInstallOptions,
  timeoutMs: number,
): Promise<{ executable: string }> {
  const python = await requireExecutable(options.pythonExecutable, 'python3', env, engine, subject);
  const pipEnv = passThrough(env, ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_CERT', 'PIP_TRUSTED_HOST']);
  await run(python, ['-m', 'venv', venv], pipEnv, timeoutMs, 'python3 -m venv');
  const args = ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--no-cache-dir', '--only-binary=:all:'];
  if (pin.requirementHashes.length > 0) {
    const requirements = join(venv, 'gatehouse-requirements.txt');
    await writeFile(requirements, `${pin.requirementHashes.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    args.push('--require-hashes', '-r', requirements);
  } else {
    args.push(`${pin.package}==${pin.version}`);
  }
  await run(pythonExecutableIn(venv, 'python'), args, pipEnv, timeoutMs, 'pip install');
  const executable = pythonExecutableIn(venv, pin.executable);
  const version = await runCommand({ executable, args: [...pin.versionArgs] }, { timeoutMs: 60_000, outputCapBytes: 64 * 1024 });
  const printed = `${version.stdout.toString('utf8')}\n${version.stderr}`;
  if (version.exitCode !== 0 || !printed.includes(pin.version)) {
    throw new Error(`the installed ${pin.executable} does not report version ${pin.version}`);
  }
  return { executable: executable.slice(venv.length + 1) };
}

async function installNpm(
  pin: NpmToolPin,
  prefix: string,
  subject: string,
  engine: string,
  env: Readonly<Record<string, string | undefined>>,
  options: PackagedInstallOptions,
  timeoutMs: number,
): Promise<{ executable: string; integrity: string }> {
  const npm = await requireExecutable(options.npmExecutable, 'npm', env, engine, subject);
  await mkdir(prefix, { recursive: true, mode: 0o755 });
  const packages = [pin, ...(pin.companions ?? [])];
  const npmEnv = passThrough(env, ['NPM_CONFIG_REGISTRY', 'npm_config_registry', 'NPM_CONFIG_CAFILE', 'npm_config_cafile']);
  await run(
    npm,
    ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', ...packages.map((p) => `${p.package}@${p.version}`)],
    npmEnv,
    timeoutMs,
    'npm install',
  );
  for (const wanted of packages) {
    const locked = await lockedIntegrity(prefix, wanted.package);
    if (locked.version !== wanted.version || locked.integrity !== wanted.integrity) {
      throw new ToolInstallError(
        'checksum-mismatch',
        engine,
        `${subject}: npm installed ${wanted.package}@${locked.version ?? '?'} with integrity ${locked.integrity ?? '(none)'}, but the pin is ${wanted.version} with ${wanted.integrity}; refusing to use it`,
        { expected: wanted.integrity, actual: locked.integrity ?? '' },
      );
    }
  }
  const executable = process.platform === 'win32' ? join('node_modules', '.bin', `${pin.executable}.cmd`) : join('node_modules', '.bin', pin.executable);
  await access(join(prefix, executable)).catch(() => {
    throw new Error(`npm installed ${pin.package} but there is no ${executable}`);
  });
  return { executable, integrity: pin.integrity };
}
