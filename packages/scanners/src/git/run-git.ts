import { CommandError, runCommand, type CommandResult } from '@gatehouse/toolchain';

/**
 * Settings that make git's output the same whatever the user's or the repository's configuration:
 * raw UTF-8 paths, no colour, `a/`/`b/` prefixes, no external diff or fsmonitor hook, no GPG calls.
 * A repository's own config cannot come from a pull request (it is not versioned), but a runner's
 * global config can say anything.
 */
const NEUTRAL_CONFIG = [
  '-c', 'core.quotePath=false',
  '-c', 'core.fsmonitor=false',
  '-c', 'color.ui=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  '-c', 'log.showSignature=false',
  '-c', 'log.showRoot=true',
];

export interface GitOptions {
  timeoutMs?: number;
  outputCapBytes?: number;
  /** Stream stdout to this file instead of memory (`git log -p` of a long history). */
  stdoutPath?: string;
  /** Exit codes that are answers, not failures (`merge-base --is-ancestor` exits 1 for "no"). */
  okExitCodes?: readonly number[];
}

export interface GitResult {
  exitCode: number;
  stdout: string;
}

/** Runs git in `cwd` through the toolchain's command runner (argv only, timeout, output cap). */
export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const result: CommandResult = await runCommand(
    // No prompt for credentials: a fetch that needs them fails instead of hanging the job.
    { executable: 'git', args: [...NEUTRAL_CONFIG, ...args], cwd, env: { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } },
    {
      timeoutMs: options.timeoutMs ?? 5 * 60_000,
      outputCapBytes: options.outputCapBytes ?? 64 * 1024 * 1024,
      ...(options.stdoutPath ? { stdoutPath: options.stdoutPath } : {}),
    },
  );
  const ok = [0, ...(options.okExitCodes ?? [])];
  if (result.signal || result.exitCode === null || !ok.includes(result.exitCode)) {
    const tail = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
    if (result.signal) throw new CommandError('signal', result.command, null, tail, result.signal);
    throw new CommandError('exit-code', result.command, result.exitCode, tail);
  }
  return { exitCode: result.exitCode, stdout: result.stdout.toString('utf8') };
}
