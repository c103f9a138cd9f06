import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

/**
 * Paths bandit never needs to read. bandit ≥ 1.6 matches `-x` entries as globs and as substrings
 * of the path, so each is anchored on slashes; `-x` adds to `exclude_dirs` from the config.
 */
export const BANDIT_EXCLUDED_PATHS = ['*/.git/*', '*/.gatehouse/*', '*/node_modules/*', '*/.venv/*', '*/.tox/*', '*/__pycache__/*'] as const;

/**
 * `bandit -r <targets> -f json -o <report>`: flags that bandit 1.6.2 (Debian's) already has.
 * `--ignore-nosec` makes bandit report `# nosec` lines too, so they are kept as suppressed findings
 * instead of vanishing; `-q` keeps the log to errors. A `[tool.bandit]` table is passed as a
 * translated config file (see `prepareBanditRun`), which bandit 1.6 cannot read from TOML itself.
 */
export function banditCommand(opts: RunOptions): ToolCommand {
  const targets = opts.targets.length > 0 ? opts.targets : ['.'];
  return {
    executable: opts.executable,
    args: [
      '-r',
      ...targets,
      '-f',
      'json',
      '-o',
      opts.reportPath,
      '-q',
      '--ignore-nosec',
      '-x',
      BANDIT_EXCLUDED_PATHS.join(','),
      ...(opts.configPath ? ['-c', opts.configPath] : []),
      ...(opts.extraArgs ?? []),
    ],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/** bandit exits 0 with no issues, 1 with issues (syntax errors in scanned files are in the report's errors[]), 2 on bad arguments or config. */
export const BANDIT_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [1],
  failures: { 2: 'bandit refused its arguments or configuration' },
};
