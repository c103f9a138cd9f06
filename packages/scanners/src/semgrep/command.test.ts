import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretExit, type RunLimits } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { runAdapterThroughStub, UNEXPECTED_ARGV_EXIT, writeStubScanner, type StubBehaviour } from '../test-support/stub-scanner';
import { semgrepAdapter } from './index';

const FIXED_FLAGS = ['--metrics', 'off', '--disable-version-check', '--disable-nosem', '--error', '--timeout', '30', '--exclude', '.gatehouse'];
const DEFAULT_CONFIGS = ['--config', 'p/security-audit', '--config', 'p/secrets', '--config', 'p/owasp-top-ten'];

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/semgrep/bin/semgrep',
  workspace: '/ws',
  targets: [],
  reportPath: '/tmp/run/semgrep.json',
  mode: 'full',
  ...extra,
});

describe('the semgrep command', () => {
  it('scans the workspace with the default registry packs, no metrics, nosemgrep results kept', () => {
    expect(semgrepAdapter.command!(options())).toEqual({
      executable: '/opt/semgrep/bin/semgrep',
      args: ['scan', '--json', '--output', '/tmp/run/semgrep.json', ...FIXED_FLAGS, ...DEFAULT_CONFIGS, '--', '.'],
      env: { SEMGREP_SEND_METRICS: 'off', SEMGREP_ENABLE_VERSION_CHECK: '0' },
      cwd: '/ws',
      reportPath: '/tmp/run/semgrep.json',
    });
  });

  it('reports only what is new since the base commit in diff mode', () => {
    const args = semgrepAdapter.command!(options({ mode: 'diff', baseCommit: 'a'.repeat(40) })).args;
    expect(args.slice(args.indexOf('--baseline-commit'), args.indexOf('--baseline-commit') + 2)).toEqual(['--baseline-commit', 'a'.repeat(40)]);
  });

  it('refuses diff mode without a base commit', () => {
    expect(() => semgrepAdapter.command!(options({ mode: 'diff' }))).toThrow(/diff mode needs opts.baseCommit/);
  });

  it('uses a local rules path instead of the registry (offline runners)', () => {
    const args = semgrepAdapter.command!(options({ configPath: '/ws/.semgrep/rules', targets: ['apps', 'config'] })).args;
    expect(args.slice(-5)).toEqual(['--config', '/ws/.semgrep/rules', '--', 'apps', 'config']);
    expect(args).not.toContain('p/security-audit');
  });

  it('uses configured packs given as extra arguments instead of the defaults', () => {
    const args = semgrepAdapter.command!(options({ extraArgs: ['--config', 'p/python', '--timeout', '60'] })).args;
    expect(args).not.toContain('p/secrets');
    expect(args.slice(-6)).toEqual(['--config', 'p/python', '--timeout', '60', '--', '.']);
  });

  it('reads exit 0 as clean, 1 as findings, 2 and up as semgrep failing', () => {
    const result = (exitCode: number) => ({ command: ['semgrep'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'Failed to download config from p/secrets\n', durationMs: 1 });
    expect(interpretExit(result(0), semgrepAdapter.exitCodes!)).toBe('clean');
    expect(interpretExit(result(1), semgrepAdapter.exitCodes!)).toBe('findings');
    expect(() => interpretExit(result(2), semgrepAdapter.exitCodes!)).toThrow(/exited with code 2; semgrep failed/);
    expect(() => interpretExit(result(7), semgrepAdapter.exitCodes!)).toThrow(/could not be found or downloaded.*last stderr line: Failed to download config/);
  });
});

describe('semgrep through a stub executable', () => {
  const report = readFileSync(new URL('./__fixtures__/v1-no-results.json', import.meta.url), 'utf8');
  const withFindings = readFileSync(new URL('./__fixtures__/v1-vocabularies-nosemgrep-secret-partial.json', import.meta.url), 'utf8');

  async function run(behaviour: StubBehaviour, extra: Partial<RunOptions> = {}, limits: Partial<RunLimits> = {}) {
    const workDir = mkdtempSync(join(tmpdir(), 'gh-semgrep-run-'));
    const reportPath = join(workDir, 'semgrep.json');
    const base = 'b'.repeat(40);
    const expected = ['scan', '--json', '--output', reportPath, ...FIXED_FLAGS, '--baseline-commit', base, ...DEFAULT_CONFIGS, '--', '.'];
    const executable = writeStubScanner('semgrep', expected, behaviour);
    const opts: RunOptions = { executable, workspace: workDir, targets: [], reportPath, mode: 'diff', baseCommit: base, workDir, ...extra };
    return runAdapterThroughStub(semgrepAdapter, opts, limits);
  }

  it('passes the exact argv and reads the recorded report', async () => {
    expect(await run({ kind: 'report', report })).toMatchObject({ status: 'ran', result: { nativeCount: 0 } });
  });

  it('treats exit 1 with a report as findings found', async () => {
    const outcome = await run({ kind: 'report', report: withFindings.replace(/"errors": \[[\s\S]*?\n  \],/, '"errors": [],'), exitCode: 1 });
    expect(outcome).toMatchObject({ status: 'ran', result: { nativeCount: 5 } });
  });

  it('is incomplete when the report itself says files were not scanned', async () => {
    const outcome = await run({ kind: 'report', report: withFindings, exitCode: 1 });
    expect(outcome.status).toBe('incomplete');
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(/^Semgrep: semgrep could not fully scan app\/generated\.py/);
  });

  it('is incomplete, naming the argv mismatch, when the command line is not the expected one', async () => {
    const outcome = await run({ kind: 'report', report }, { baseCommit: 'c'.repeat(40) });
    expect(outcome).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(new RegExp(`^Semgrep: .*exited with code ${UNEXPECTED_ARGV_EXIT}.*stub: unexpected argv`)) });
  });

  it.each([
    ['crashes (SIGSEGV)', { kind: 'crash' } as StubBehaviour, /killed by signal SIGSEGV/],
    ['prints garbage', { kind: 'garbage' } as StubBehaviour, /unreadable report: .*semgrep\.json/],
    ['writes a truncated report', { kind: 'truncated', report: withFindings } as StubBehaviour, /unreadable report: .*truncated/],
    ['cannot download its rules (exit 7)', { kind: 'exit', exitCode: 7, stderr: 'Failed to download configuration from https://semgrep.dev/c/p/secrets' } as StubBehaviour, /code 7; a configuration could not be found or downloaded.*Failed to download/],
    ['exits with an unexpected code', { kind: 'exit', exitCode: 139, stderr: 'oom' } as StubBehaviour, /exited with code 139/],
  ])('is incomplete when semgrep %s', async (_label, behaviour, reason) => {
    const outcome = await run(behaviour);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(/^Semgrep: /);
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(reason);
  });

  it('is incomplete when semgrep hangs past the timeout', async () => {
    const outcome = await run({ kind: 'hang' }, {}, { timeoutMs: 1_000 });
    expect(outcome).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/^Semgrep: .*timed out/) });
  });

  it('is incomplete when semgrep floods its output past the cap', async () => {
    const outcome = await run({ kind: 'flood', bytes: 4 * 1024 * 1024 }, {}, { outputCapBytes: 256 * 1024 });
    expect(outcome).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/^Semgrep: .*output exceeded the cap/) });
  });
});
