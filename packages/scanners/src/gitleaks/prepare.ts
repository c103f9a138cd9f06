import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunOptions } from '../adapter';
import { gitDirectory } from '../git/repository-facts';
import { renderDefaultGitleaksConfig } from './default-config';
import { composeUserGitleaksConfig } from './user-config';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes what gitleaks is given into the run's private directory and returns the options for
 * `gitleaksCommand`:
 *
 * - `configPath`: Gatehouse's default config, or the repository's `.gitleaks.toml` (from
 *   `configPath` as given, else `trustedConfigDir`, else the workspace) composed onto it
 *   (user-config.ts);
 * - the trusted `.gitleaksignore`, if any, copied into `workDir` (given as `--gitleaks-ignore-path`);
 * - history modes: `targets[0]` = the git directory, which gitleaks scans instead of the work tree.
 */
export async function prepareGitleaksRun(opts: RunOptions): Promise<RunOptions> {
  const workDir = opts.workDir;
  if (!workDir) throw new Error('gitleaks: prepare needs opts.workDir');
  await mkdir(workDir, { recursive: true });
  const defaultPath = join(workDir, 'gatehouse-default.gitleaks.toml');
  await writeFile(defaultPath, renderDefaultGitleaksConfig(), { mode: 0o600 });

  const trusted = opts.trustedConfigDir ?? opts.workspace;
  const userPath = opts.configPath ?? (existsSync(join(trusted, '.gitleaks.toml')) ? join(trusted, '.gitleaks.toml') : undefined);
  let configPath = defaultPath;
  if (userPath) {
    const composed = composeUserGitleaksConfig({ userPath, trustedDir: opts.configPath ? dirname(opts.configPath) : trusted, defaultConfigPath: defaultPath, workDir });
    for (const file of composed.files) await writeFile(file.path, file.text, { mode: 0o600 });
    configPath = composed.files[0]!.path;
  }

  const ignore = join(trusted, '.gitleaksignore');
  if (existsSync(ignore)) await copyFile(ignore, join(workDir, '.gitleaksignore'));

  let targets = opts.targets;
  if (opts.mode === 'history' || opts.mode === 'diff') {
    targets = [(await isDirectory(join(opts.workspace, '.git'))) ? '.git' : await gitDirectory(opts.workspace)];
  }
  return { ...opts, configPath, targets };
}
