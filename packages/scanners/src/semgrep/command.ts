import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

/** Registry packs run when no rules are configured (they need semgrep.dev; see docs/engines/semgrep.md for offline use). */
export const DEFAULT_SEMGREP_CONFIGS = ['p/security-audit', 'p/secrets', 'p/owasp-top-ten'] as const;

/** Seconds per rule per file (semgrep's default is 5): a slow file times out less often, and a timeout makes the scan incomplete. */
export const DEFAULT_SEMGREP_TIMEOUT_SECONDS = 30;

const givesConfig = (args: readonly string[]) => args.some((a) => a === '--config' || a === '-c' || a.startsWith('--config='));

/**
 * `semgrep scan --json --output <report> ... -- <targets>` for semgrep 1.x:
 *
 * - `--metrics off --disable-version-check`: no call home besides fetching registry rules;
 * - `--disable-nosem`: results on `nosemgrep` lines are reported with `is_ignored: true` and kept as
 *   suppressed findings, instead of vanishing;
 * - `--error`: exit 1 means "findings", so a failure (2 and up) cannot pass for a clean run;
 * - `--baseline-commit <base>` in diff mode: only results new since the base commit (semgrep
 *   itself scans only the files changed since then);
 * - configs: `opts.configPath` (a local rules file or directory), else `--config` pairs given in
 *   `extraArgs`, else DEFAULT_SEMGREP_CONFIGS. `extraArgs` come after our flags, so a later
 *   `--timeout` wins.
 */
export function semgrepCommand(opts: RunOptions): ToolCommand {
  const extra = opts.extraArgs ?? [];
  if (opts.mode === 'diff' && !opts.baseCommit) throw new Error('semgrep: diff mode needs opts.baseCommit (the pull request base)');
  const configs = opts.configPath ? ['--config', opts.configPath] : givesConfig(extra) ? [] : DEFAULT_SEMGREP_CONFIGS.flatMap((c) => ['--config', c]);
  const targets = opts.targets.length > 0 ? opts.targets : ['.'];
  return {
    executable: opts.executable,
    args: [
      'scan',
      '--json',
      '--output',
      opts.reportPath,
      '--metrics',
      'off',
      '--disable-version-check',
      '--disable-nosem',
      '--error',
      '--timeout',
      String(DEFAULT_SEMGREP_TIMEOUT_SECONDS),
      '--exclude',
      '.gatehouse',
      ...(opts.mode === 'diff' ? ['--baseline-commit', opts.baseCommit!] : []),
      ...configs,
      ...extra,
      '--',
      ...targets,
    ],
    env: { SEMGREP_SEND_METRICS: 'off', SEMGREP_ENABLE_VERSION_CHECK: '0' },
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/** semgrep 1.x exit codes (cli/src/semgrep/error.py and its OCaml port Exit_code.ml). */
export const SEMGREP_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [1],
  failures: {
    2: 'semgrep failed (a fatal error, a missing target, or a rule error at level error)',
    3: 'semgrep could not parse a target (--strict)',
    4: 'a rule has an invalid pattern',
    5: 'a rules file is not valid YAML',
    7: 'a configuration could not be found or downloaded (offline runner? give a local rules path)',
    8: 'a rule names a language semgrep does not know',
    13: 'the semgrep API token is invalid',
    14: 'the semgrep scan failed',
  },
};
