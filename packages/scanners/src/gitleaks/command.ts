import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { parseRevisionArgs } from '../git/revision-args';

/**
 * gitleaks exits 1 both when it found leaks (its default `--exit-code`) and when it failed (every
 * fatal log, a partial scan). Gatehouse asks for another code for "leaks found", so that 1 can only
 * mean a failure.
 */
export const GITLEAKS_LEAKS_EXIT_CODE = 99;

export const GITLEAKS_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [GITLEAKS_LEAKS_EXIT_CODE],
  failures: {
    1: 'gitleaks failed (a fatal error or a partial scan; its last log line says why)',
    2: 'gitleaks crashed (Go runtime error)',
    126: 'gitleaks refused an option (gitleaks older than 8.19 has no `git`/`dir` commands)',
  },
};

/** The options every mode shares: our config, our report, our exit code, the trusted ignore file. */
function commonArgs(opts: RunOptions, configPath: string, workDir: string): string[] {
  return [
    '--config',
    configPath,
    '--report-format',
    'json',
    '--report-path',
    opts.reportPath,
    '--exit-code',
    String(GITLEAKS_LEAKS_EXIT_CODE),
    // gitleaks reads `.gitleaksignore` from here (default: the current directory, which on a pull
    // request is the PR's own checkout); prepare copies the trusted one, if any, into workDir.
    '--gitleaks-ignore-path',
    workDir,
    '--no-banner',
    '--no-color',
  ];
}

/**
 * The argv for gitleaks 8.19+ (pinned 8.30.1), per mode:
 *
 * - `history` / `diff`: `gitleaks git --log-opts=<range> … <git dir>`; without a range, all history
 *   (gitleaks' own `--all --full-history`). The source is the git directory, not the work tree:
 *   gitleaks also reads `<source>/.gitleaksignore`, and the work tree of a pull request is the
 *   PR's own content (prepare puts the git directory in `targets[0]`).
 * - `staged`: `gitleaks git --staged … .` (the pre-commit check; needs the work tree).
 * - `full`: `gitleaks dir … .` (the files as they are, no history).
 *
 * Never `--redact` (the adapter needs each value to hash it and to mask it in the logs; the report
 * is a private file deleted after parsing) and never `--verbose` (it prints findings, values
 * included, to stdout).
 */
export function gitleaksCommand(opts: RunOptions): ToolCommand {
  if (!opts.configPath || !opts.workDir) throw new Error('gitleaks: prepare must run before command (it writes the config into workDir)');
  const common = [...commonArgs(opts, opts.configPath, opts.workDir), ...(opts.extraArgs ?? [])];
  let args: string[];
  switch (opts.mode) {
    case 'history':
    case 'diff': {
      const range = opts.gitRange?.trim() ? parseRevisionArgs(opts.gitRange).join(' ') : undefined;
      const source = opts.targets[0] ?? '.git';
      args = ['git', ...(range ? [`--log-opts=${range}`] : []), ...common, source];
      break;
    }
    case 'staged':
      args = ['git', '--staged', ...common, '.'];
      break;
    case 'full':
      args = ['dir', ...common, '.'];
      break;
    default:
      throw new Error(`gitleaks has no ${opts.mode} mode`);
  }
  return { executable: opts.executable, args, cwd: opts.workspace, reportPath: opts.reportPath };
}
