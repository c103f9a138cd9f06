import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { CommandError } from './command-error';

export interface ToolCommand {
  executable: string;
  /** Arguments, passed as-is: there is never a shell between us and the tool. */
  args: readonly string[];
  /** Added to the allowed part of our environment (see ENV_ALLOWLIST). */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Where the tool writes its report, when it writes to a file rather than stdout. */
  reportPath?: string;
}

export interface RunLimits {
  /** Killed (SIGTERM, then SIGKILL after a grace period) when exceeded. */
  timeoutMs: number;
  /** Bytes of stdout kept (or written to `stdoutPath`); more than this kills the tool. */
  outputCapBytes: number;
  /** Bytes of stderr kept: only the tail is interesting. */
  stderrCapBytes?: number;
  /** Stream stdout to this file instead of memory. */
  stdoutPath?: string;
  stdin?: string;
  killGraceMs?: number;
}

export interface CommandResult {
  command: readonly string[];
  exitCode: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
  durationMs: number;
}

/**
 * Variables a scanner may see. Everything else (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, INPUT_*, cloud
 * credentials) stays with us: a compromised or buggy scanner cannot leak what it never had.
 */
export const ENV_ALLOWLIST = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'TZ',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
  'SYSTEMROOT',
  'PYTHONIOENCODING',
] as const;

export function scannerEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ENV_ALLOWLIST) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

export const DEFAULT_LIMITS: RunLimits = {
  timeoutMs: 15 * 60_000,
  outputCapBytes: 512 * 1024 * 1024,
  stderrCapBytes: 64 * 1024,
};

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const line = lines.at(-1) ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

/**
 * The one way Gatehouse runs an external program: argv only, its own process group (so a timeout
 * kills the tool's children too), a timeout, and caps on what it may print. Resolves with the exit
 * status whatever it is; rejects with CommandError only when the tool could not run to an exit
 * (not found, timed out, over the output cap). Interpreting exit codes is `interpretExit`'s job.
 */
export function runCommand(cmd: ToolCommand, limits: Partial<RunLimits> = {}): Promise<CommandResult> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const stderrCap = lim.stderrCapBytes ?? 64 * 1024;
  const argv = [cmd.executable, ...cmd.args];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    let failure: CommandError | undefined;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let file: WriteStream | undefined;

    const child = spawn(cmd.executable, [...cmd.args], {
      cwd: cmd.cwd,
      env: scannerEnvironment(cmd.env),
      shell: false,
      detached: process.platform !== 'win32',
      stdio: [lim.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });

    const killTree = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        /* already gone */
      }
    };
    const fail = (error: CommandError) => {
      if (failure) return;
      failure = error;
      killTree('SIGTERM');
      setTimeout(() => killTree('SIGKILL'), lim.killGraceMs ?? 2_000).unref();
    };

    const timer = setTimeout(() => {
      fail(new CommandError('timeout', argv, null, lastLine(stderr), null, `no exit after ${lim.timeoutMs} ms`));
    }, lim.timeoutMs);
    timer.unref();

    if (lim.stdoutPath) file = createWriteStream(lim.stdoutPath, { mode: 0o600 });

    child.stdout!.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > lim.outputCapBytes) {
        fail(new CommandError('output-cap', argv, null, lastLine(stderr), null, `more than ${lim.outputCapBytes} bytes on stdout`));
        return;
      }
      if (file) file.write(chunk);
      else stdoutChunks.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > stderrCap) stderr = stderr.slice(stderr.length - stderrCap);
    });
    if (lim.stdin !== undefined) {
      child.stdin!.on('error', () => {
        /* the tool may exit before reading all of stdin */
      });
      child.stdin!.end(lim.stdin);
    }

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const done = () => {
        if (failure) return reject(failure);
        resolve({
          command: argv,
          exitCode,
          signal,
          stdout: Buffer.concat(stdoutChunks),
          stderr,
          durationMs: Date.now() - started,
        });
      };
      if (file) file.end(done);
      else done();
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      const kind = error.code === 'ENOENT' ? 'not-found' : 'spawn-failed';
      failure ??= new CommandError(kind, argv, null, '', null, error.code ?? error.message);
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}
