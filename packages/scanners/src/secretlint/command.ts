import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

/** More targets than this (or this many characters) go to the runner through a file list. */
export const MAX_ARGV_TARGETS = 500;
export const MAX_ARGV_CHARS = 100_000;

/**
 * `node <runner> --format json --output <report> -- <targets…>`: `opts.executable` is the runner
 * bundle (`secretlintRunnerPath()`), run by the Node that runs Gatehouse. The runner reads
 * `.secretlintignore` from the workspace and skips node_modules, .git, .gatehouse and lockfiles.
 */
export function secretlintCommand(opts: RunOptions): ToolCommand {
  const targets = opts.targets.length > 0 ? opts.targets : ['.'];
  return {
    executable: process.execPath,
    args: [
      opts.executable,
      '--format',
      'json',
      '--output',
      opts.reportPath,
      ...(opts.extraArgs ?? []),
      ...(opts.targetsFile ? ['--files-from', opts.targetsFile] : ['--', ...targets]),
    ],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/** A long target list (a PR's changed files) is written to `workDir` and read with --files-from. */
export async function prepareSecretlintRun(opts: RunOptions): Promise<RunOptions> {
  const chars = opts.targets.reduce((sum, t) => sum + t.length + 1, 0);
  if (opts.targetsFile || (opts.targets.length <= MAX_ARGV_TARGETS && chars <= MAX_ARGV_CHARS)) return opts;
  if (opts.targets.some((t) => /[\r\n]/.test(t))) throw new Error('secretlint: a target name holds a line break and cannot be listed in a file');
  if (!opts.workDir) throw new Error('secretlint: prepare needs opts.workDir to write the target list');
  const targetsFile = join(opts.workDir, 'secretlint-targets.txt');
  await writeFile(targetsFile, `${opts.targets.join('\n')}\n`, { mode: 0o600 });
  return { ...opts, targets: [], targetsFile };
}

/** The runner exits like secretlint: 0 nothing found, 1 something to report, 2 it failed. */
export const SECRETLINT_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [1],
  failures: { 2: 'the secretlint runner failed (bad arguments or an internal error)' },
};
