import { CommandError } from './command-error';
import type { CommandResult } from './run-command';

/**
 * One table per engine says what its exit codes mean. Scanners disagree: gitleaks exits 1 when it
 * found leaks, bandit 1 when it found issues, trivy 0 unless told otherwise, semgrep 1 for findings
 * with --error and 2+ for its own failures. Anything not listed is a failure.
 */
export interface ExitCodeTable {
  clean: readonly number[];
  findings: readonly number[];
  /** Optional words for known failure codes, shown in the error. */
  failures?: Readonly<Record<number, string>>;
}

export type ExitOutcome = 'clean' | 'findings';

export function interpretExit(result: CommandResult, table: ExitCodeTable): ExitOutcome {
  const tail = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  if (result.signal) throw new CommandError('signal', result.command, null, tail, result.signal);
  const code = result.exitCode;
  if (code !== null && table.clean.includes(code)) return 'clean';
  if (code !== null && table.findings.includes(code)) return 'findings';
  throw new CommandError('exit-code', result.command, code, tail, null, code !== null ? table.failures?.[code] : undefined);
}
