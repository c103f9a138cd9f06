/** Why an external command did not give us a usable result. */
export type CommandFailureKind = 'not-found' | 'spawn-failed' | 'timeout' | 'output-cap' | 'signal' | 'exit-code';

/**
 * An external command failed: which command, its exit code (or signal), and the last line it wrote to
 * stderr, which is almost always the line a user needs. The argv is shown, never an environment.
 */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly kind: CommandFailureKind,
    readonly command: readonly string[],
    readonly exitCode: number | null,
    readonly lastStderrLine: string,
    readonly signal: string | null = null,
    detail?: string,
  ) {
    super(CommandError.describe(kind, command, exitCode, signal, lastStderrLine, detail));
  }

  private static describe(
    kind: CommandFailureKind,
    command: readonly string[],
    exitCode: number | null,
    signal: string | null,
    lastStderrLine: string,
    detail?: string,
  ): string {
    const cmd = formatCommand(command);
    const what = {
      'not-found': `${cmd}: executable not found`,
      'spawn-failed': `${cmd}: could not be started`,
      timeout: `${cmd}: timed out`,
      'output-cap': `${cmd}: output exceeded the cap`,
      signal: `${cmd}: killed by signal ${signal ?? '?'}`,
      'exit-code': `${cmd}: exited with code ${exitCode}`,
    }[kind];
    const parts = [what];
    if (detail) parts.push(detail);
    if (lastStderrLine) parts.push(`last stderr line: ${lastStderrLine}`);
    return parts.join('; ');
  }
}

const SAFE_ARG = /^[\w@%+=:,./-]+$/;

/** A readable, copy-pasteable rendering of an argv (for messages only; nothing here is ever run by a shell). */
export function formatCommand(command: readonly string[]): string {
  const shown = command.map((arg) => (SAFE_ARG.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
  return shown.length > 500 ? `${shown.slice(0, 500)}…` : shown;
}
