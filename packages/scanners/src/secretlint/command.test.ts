import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { secretlintAdapter, secretlintRunnerPath } from './index';

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/gatehouse/secretlint-runner.js',
  workspace: '/ws',
  targets: ['src', 'config/app.env'],
  reportPath: '/tmp/run/secretlint.json',
  mode: 'full',
  ...extra,
});

describe('the secretlint command', () => {
  it('runs the runner bundle with the Node that runs Gatehouse', () => {
    expect(secretlintAdapter.command!(options())).toEqual({
      executable: process.execPath,
      args: ['/opt/gatehouse/secretlint-runner.js', '--format', 'json', '--output', '/tmp/run/secretlint.json', '--', 'src', 'config/app.env'],
      cwd: '/ws',
      reportPath: '/tmp/run/secretlint.json',
    });
  });

  it('scans the workspace when given no targets', () => {
    expect(secretlintAdapter.command!(options({ targets: [] })).args.slice(-2)).toEqual(['--', '.']);
  });

  it('passes thousands of targets through a file list written by prepare', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'gh-secretlint-prep-'));
    const targets = Array.from({ length: 2_000 }, (_, i) => `src/module-${i}/index.ts`);
    const prepared = await secretlintAdapter.prepare!(options({ targets, workDir }));
    expect(prepared.targetsFile).toBe(join(workDir, 'secretlint-targets.txt'));
    expect(readFileSync(prepared.targetsFile!, 'utf8').split('\n').filter(Boolean)).toEqual(targets);
    expect(secretlintAdapter.command!(prepared).args.slice(-2)).toEqual(['--files-from', prepared.targetsFile]);
  });

  it('keeps a short target list on the command line', async () => {
    const opts = options();
    expect(await secretlintAdapter.prepare!(opts)).toBe(opts);
  });

  it('reads exit 0 as clean, 1 as findings, 2 as a runner failure', () => {
    const result = (exitCode: number) => ({ command: ['node'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'gatehouse secretlint runner: boom\n', durationMs: 1 });
    expect(interpretExit(result(0), secretlintAdapter.exitCodes!)).toBe('clean');
    expect(interpretExit(result(1), secretlintAdapter.exitCodes!)).toBe('findings');
    expect(() => interpretExit(result(2), secretlintAdapter.exitCodes!)).toThrow(/the secretlint runner failed.*last stderr line: gatehouse secretlint runner: boom/);
  });
});

describe('finding the runner bundle', () => {
  it('honours the override variable', () => {
    expect(secretlintRunnerPath({ GATEHOUSE_SECRETLINT_RUNNER: process.execPath })).toBe(process.execPath);
  });

  it('says the bundle is missing with a not-found CommandError', () => {
    const error = (() => {
      try {
        secretlintRunnerPath({ GATEHOUSE_SECRETLINT_RUNNER: '/nonexistent/secretlint-runner.js' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).kind).toBe('not-found');
    expect((error as Error).message).toMatch(/scripts\/build\.mjs --local/);
  });
});
