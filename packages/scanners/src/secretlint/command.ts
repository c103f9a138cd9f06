import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { writeAddedLines } from '../git/added-lines';
import { parseRevisionArgs } from '../git/revision-args';

/** More targets than this (or this many characters) go to the runner through a file list. */
export const MAX_ARGV_TARGETS = 500;
export const MAX_ARGV_CHARS = 100_000;

const HISTORY_MODES: readonly RunOptions['mode'][] = ['history', 'diff', 'staged'];

/**
 * `node <runner> --format json --output <report> [--ignore-file F] -- <targets…>`: `opts.executable`
 * is the runner bundle (`secretlintRunnerPath()`), run by the Node that runs Gatehouse. The runner
 * reads `.secretlintignore` from the workspace (or `configPath`, the trusted copy) and skips
 * node_modules, .git, .gatehouse and lockfiles. In history modes (`history`, `diff`, `staged`)
 * `targetsFile` is the added-lines file prepare wrote (`--added-lines`).
 */
export function secretlintCommand(opts: RunOptions): ToolCommand {
  const targets = opts.targets.length > 0 ? opts.targets : ['.'];
  const history = HISTORY_MODES.includes(opts.mode);
  if (history && !opts.targetsFile) throw new Error(`secretlint: prepare must run before command in ${opts.mode} mode (it writes the added lines)`);
  return {
    executable: process.execPath,
    args: [
      opts.executable,
      '--format',
      'json',
      '--output',
      opts.reportPath,
      ...(opts.configPath ? ['--ignore-file', opts.configPath] : []),
      ...(opts.extraArgs ?? []),
      ...(history ? ['--added-lines', opts.targetsFile!] : opts.targetsFile ? ['--files-from', opts.targetsFile] : ['--', ...targets]),
    ],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/** On a pull request, `.secretlintignore` comes from the trusted copy (an empty list when the base has none), never from the PR. */
async function trustedIgnoreFile(opts: RunOptions): Promise<RunOptions> {
  if (!opts.trustedConfigDir || opts.configPath) return opts;
  const trusted = join(opts.trustedConfigDir, '.secretlintignore');
  if (existsSync(trusted)) return { ...opts, configPath: trusted };
  if (!opts.workDir) throw new Error('secretlint: prepare needs opts.workDir');
  const empty = join(opts.workDir, 'secretlintignore-none');
  await writeFile(empty, '', { mode: 0o600 });
  return { ...opts, configPath: empty };
}

/**
 * History modes: the lines added by the range (`gitRange`, all history when absent) or by the
 * index (`staged`) are written to `workDir` for `--added-lines`. Otherwise a long target list (a
 * PR's changed files) is written there and read with --files-from.
 */
export async function prepareSecretlintRun(input: RunOptions): Promise<RunOptions> {
  const opts = await trustedIgnoreFile(input);
  if (HISTORY_MODES.includes(opts.mode)) {
    if (!opts.workDir) throw new Error('secretlint: prepare needs opts.workDir to write the added lines');
    const file = join(opts.workDir, 'secretlint-added-lines.jsonl');
    const source = opts.mode === 'staged' ? ({ kind: 'staged' } as const) : ({ kind: 'range', revisionArgs: opts.gitRange ? parseRevisionArgs(opts.gitRange) : ['--all'] } as const);
    await writeAddedLines(opts.workspace, source, file, { workDir: opts.workDir });
    return { ...opts, targets: [], targetsFile: file };
  }
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
