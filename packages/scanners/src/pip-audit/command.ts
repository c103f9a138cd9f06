import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';

/**
 * `pip-audit -r <pinned requirements> --no-deps --disable-pip --format json --output <report> --progress-spinner off`
 * run in the workspace, one invocation per Python manifest; `prepare` has written the pinned
 * requirements file from the manifest (requirements*.txt, poetry.lock, uv.lock, Pipfile.lock).
 *
 * `--no-deps --disable-pip`: pip-audit then audits exactly the pinned lines and never runs pip.
 * Without them, `-r` resolves the file with pip in a temporary virtual environment, which can build
 * source distributions — running a pull request's code on the runner ("if you wouldn't pip install
 * it, you should not pip audit it", pip-audit's security model). Lockfiles pin the whole closure,
 * so nothing is lost; a hand-written requirements file's unpinned lines are reported by the manifest
 * reader as "not pinned — cannot be audited exactly".
 */
export function pipAuditCommand(opts: RunOptions): ToolCommand {
  const requirements = opts.targets[0];
  if (!requirements || opts.targets.length !== 1) throw new Error('pip-audit audits exactly one requirements file per invocation');
  return {
    executable: opts.executable,
    args: ['-r', requirements, '--no-deps', '--disable-pip', '--format', 'json', '--output', opts.reportPath, '--progress-spinner', 'off', ...(opts.extraArgs ?? [])],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/**
 * pip-audit exits 0 when it found no vulnerability and 1 when it found some. It also exits 1 when it
 * fails (its `_fatal`), but then it writes no report: a missing report is a failure (see
 * `reportWhenAbsent`), never "clean".
 */
export const PIP_AUDIT_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [1],
  failures: { 2: 'pip-audit refused its arguments' },
};

/**
 * pip-audit writes no JSON at all when it found nothing and skipped nothing. After a clean exit,
 * that absence means "no vulnerabilities"; after exit 1 it means pip-audit failed.
 */
export function pipAuditReportWhenAbsent(outcome: 'clean' | 'findings'): string | undefined {
  return outcome === 'clean' ? '{"dependencies": [], "fixes": []}' : undefined;
}
