import { spawn } from 'node:child_process';
import { parseResultLine } from '../workers/worker-protocol';

export interface ChildCommand {
  command: string;
  args: readonly string[];
  cwd?: string;
  /** The child's whole environment (not merged with the bench's): cold-start cases run with a bare one. */
  env?: NodeJS.ProcessEnv;
  /** Give up (and count the run as failed) after this long. */
  timeoutMs?: number;
}

export interface ChildRun {
  /** Wall time from spawn to exit, measured by the parent (includes process start and exit). */
  wallMs: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The worker's BENCH_RESULT line, when it printed one. */
  result?: Record<string, unknown>;
  stdoutTail: string;
  stderrTail: string;
  timedOut: boolean;
}

const TAIL = 2_000;

/** Runs one measured case in a fresh process; stdout and stderr are kept (tails only) and never inherited. */
export function runChild(cmd: ChildCommand): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd.command, [...cmd.args], { cwd: cmd.cwd, env: cmd.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // The result line is small and last; keep the head of stdout bounded but never cut a result line.
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = (stdout + d).slice(-64_000);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-TAIL);
    });
    let timedOut = false;
    const timer = cmd.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, cmd.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (timer) clearTimeout(timer);
      const result = parseResultLine(stdout);
      resolve({ wallMs, exitCode, signal, ...(result ? { result } : {}), stdoutTail: stdout.slice(-TAIL), stderrTail: stderr, timedOut });
    });
  });
}
