import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError } from './command-error';
import { interpretExit } from './exit-codes';
import { runCommand } from './run-command';

const node = (script: string) => ({ executable: process.execPath, args: ['-e', script] });

describe('the command runner', () => {
  it('passes arguments verbatim, with no shell to interpret them', async () => {
    const tricky = '$(touch /tmp/pwned); `id` && echo "x" | cat > y; *';
    const r = await runCommand({ executable: process.execPath, args: ['-e', 'process.stdout.write(process.argv[1])', tricky] });
    expect(r.stdout.toString()).toBe(tricky);
    expect(r.exitCode).toBe(0);
  });

  it('does not hand our tokens to the scanner', async () => {
    process.env.GITHUB_TOKEN = 'ghs_should_not_be_seen';
    try {
      const r = await runCommand(node('process.stdout.write(JSON.stringify(process.env))'), {});
      const env = JSON.parse(r.stdout.toString());
      expect(env.GITHUB_TOKEN).toBeUndefined();
      expect(env.PATH).toBeDefined();
    } finally {
      delete process.env.GITHUB_TOKEN;
    }
  });

  it('reports the exit code and keeps the stderr tail', async () => {
    const r = await runCommand(node('console.error("first"); console.error("fatal: db not found"); process.exit(3)'));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('fatal: db not found');
  });

  it('fails with a CommandError naming the executable when it does not exist', async () => {
    const error = await runCommand({ executable: '/nonexistent/gitleaks', args: ['detect'] }).catch((e) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('/nonexistent/gitleaks detect');
  });

  it('kills a command that hangs past its timeout, children included', async () => {
    const script = 'require("child_process").spawn(process.execPath, ["-e", "setInterval(()=>{}, 1000)"], {stdio: "inherit"}); setInterval(() => {}, 1000)';
    const error = await runCommand(node(script), { timeoutMs: 300, killGraceMs: 100 }).catch((e) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error.kind).toBe('timeout');
  });

  it('kills a command whose output exceeds the cap', async () => {
    const error = await runCommand(node('const b = "x".repeat(65536); const w = () => process.stdout.write(b, w); w()'), {
      outputCapBytes: 1024 * 1024,
      killGraceMs: 100,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error.kind).toBe('output-cap');
  });

  it('streams stdout to a private file when asked', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gh-run-')), 'out.json');
    const r = await runCommand(node('process.stdout.write("[1,2,3]")'), { stdoutPath: path });
    expect(r.stdout.length).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('[1,2,3]');
  });

  it('feeds stdin when given', async () => {
    const r = await runCommand(node('process.stdin.pipe(process.stdout)'), { stdin: 'hello' });
    expect(r.stdout.toString()).toBe('hello');
  });
});

describe('exit-code tables', () => {
  const table = { clean: [0], findings: [1], failures: { 2: 'configuration error' } };
  const result = (exitCode: number | null, signal: string | null = null) => ({
    command: ['tool'],
    exitCode,
    signal,
    stdout: Buffer.alloc(0),
    stderr: 'warming up\nerror: config invalid\n',
    durationMs: 1,
  });

  it('tells "findings found" from "scanner failed"', () => {
    expect(interpretExit(result(0), table)).toBe('clean');
    expect(interpretExit(result(1), table)).toBe('findings');
    expect(() => interpretExit(result(2), table)).toThrow(/exited with code 2; configuration error; last stderr line: error: config invalid/);
  });

  it('treats an unlisted exit code as a failure', () => {
    expect(() => interpretExit(result(137), table)).toThrow(CommandError);
  });

  it('treats death by signal as a failure', async () => {
    const r = await runCommand(node('process.kill(process.pid, "SIGSEGV")'));
    expect(() => interpretExit(r, table)).toThrow(/killed by signal SIGSEGV/);
  });
});
