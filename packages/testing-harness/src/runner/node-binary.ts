import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeBinary {
  path: string;
  version: string;
  /** How it was found: this very process, a cached path from an earlier run, or `npx -y node@<major>`. */
  source: 'current' | 'cache' | 'npx';
  milliseconds: number;
}

// Below vitest's 120 s test timeout, so a stuck download fails with this message rather than a bare timeout.
const NPX_TIMEOUT_MS = 100_000;

function versionOf(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function cacheFile(major: number): string {
  return join(tmpdir(), 'gatehouse-testing-harness', `node-${major}.json`);
}

function npxNode(major: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.platform === 'win32' ? 'npx.cmd' : 'npx',
      ['-y', `node@${major}`, '-p', 'process.execPath'],
      { timeout: NPX_TIMEOUT_MS, maxBuffer: 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`npx -y node@${major} failed (${error.message.split('\n')[0]}): ${stderr.trim().split('\n').pop() ?? ''}`));
          return;
        }
        const path = stdout.trim().split('\n').pop()?.trim();
        if (!path) reject(new Error(`npx -y node@${major} printed no path`));
        else resolve(path);
      },
    );
  });
}

const resolving = new Map<number, Promise<NodeBinary>>();

/**
 * A Node.js binary of the given major version, to run bundles as the runner does (`runs.using:
 * node24`). This process's own node when it matches; otherwise the binary `npx -y node@<major>`
 * installs (npm registry), whose path is cached in the temp directory so later test files and runs
 * skip npx. Resolved once per process.
 */
export function resolveNodeBinary(major: number): Promise<NodeBinary> {
  let pending = resolving.get(major);
  if (!pending) {
    pending = findNodeBinary(major);
    resolving.set(major, pending);
  }
  return pending;
}

async function findNodeBinary(major: number): Promise<NodeBinary> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  if (Number(process.versions.node.split('.')[0]) === major) {
    return { path: process.execPath, version: process.version, source: 'current', milliseconds: elapsed() };
  }
  const wanted = (version: string | undefined) => version !== undefined && version.startsWith(`v${major}.`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile(major), 'utf8')) as { path: string };
    const version = versionOf(cached.path);
    if (wanted(version)) return { path: cached.path, version: version!, source: 'cache', milliseconds: elapsed() };
  } catch {
    // No cache, or the cached binary is gone (npx cache cleaned): ask npx.
  }
  const path = await npxNode(major);
  const version = versionOf(path);
  if (!wanted(version)) throw new Error(`npx -y node@${major} gave ${path}, which reports ${version ?? 'no version'}`);
  mkdirSync(join(tmpdir(), 'gatehouse-testing-harness'), { recursive: true });
  const partial = `${cacheFile(major)}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify({ path, version }));
  renameSync(partial, cacheFile(major));
  return { path, version: version!, source: 'npx', milliseconds: elapsed() };
}
