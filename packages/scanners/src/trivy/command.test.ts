import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { runAdapterThroughStub, writeStubScanner, type StubBehaviour } from '../test-support/stub-scanner';
import { trivyAdapter } from './index';

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/opt/trivy/trivy',
  workspace: '/ws',
  targets: [],
  reportPath: '/tmp/run/trivy.json',
  mode: 'config',
  workDir: '/tmp/run',
  ...extra,
});

const expectedArgs = (workDir: string, reportPath: string, target: string, extra: string[] = []) => [
  'config',
  '--format',
  'json',
  '--output',
  reportPath,
  '--exit-code',
  '10',
  '--skip-check-update',
  '--skip-version-check',
  '--disable-telemetry',
  '--quiet',
  '--cache-dir',
  join(workDir, 'trivy-cache'),
  '--config',
  join(workDir, 'trivy-config.yaml'),
  '--ignorefile',
  join(workDir, 'trivy-ignore'),
  '--skip-dirs',
  '.git',
  '--skip-dirs',
  '.gatehouse',
  '--skip-dirs',
  '**/node_modules',
  ...extra,
  target,
];

describe('the trivy config command', () => {
  it('scans one directory with the embedded checks, ignoring the tree\'s own ignore file and config', () => {
    expect(trivyAdapter.command!(options())).toEqual({
      executable: '/opt/trivy/trivy',
      args: expectedArgs('/tmp/run', '/tmp/run/trivy.json', '.'),
      cwd: '/ws',
      reportPath: '/tmp/run/trivy.json',
    });
  });

  it('adds user Rego checks before the target', () => {
    const args = trivyAdapter.command!(options({ targets: ['deploy'], extraArgs: ['--config-check', '/ws/policy', '--check-namespaces', 'user'] })).args;
    expect(args.slice(-5)).toEqual(['--config-check', '/ws/policy', '--check-namespaces', 'user', 'deploy']);
  });

  it('refuses several targets (trivy config takes one directory) and other modes', () => {
    expect(() => trivyAdapter.command!(options({ targets: ['a', 'b'] }))).toThrow(/one directory per run/);
    expect(() => trivyAdapter.command!(options({ mode: 'full' }))).toThrow(/mode "full" is not built here/);
    expect(() => trivyAdapter.command!(options({ workDir: undefined }))).toThrow(/needs opts.workDir/);
  });

  it('builds `trivy image` for mode image with the run\'s empty ignore file and config, and a managed database', () => {
    const command = trivyAdapter.command!(options({ mode: 'image', image: 'docker:shop/web:1.4.2', targets: [], cacheDir: '/cache/trivy' }));
    expect(command.args).toEqual([
      'image', '--format', 'json', '--output', '/tmp/run/trivy.json', '--scanners', 'vuln', '--no-progress', '--skip-version-check', '--disable-telemetry',
      '--cache-dir', '/cache/trivy', '--skip-db-update', '--skip-java-db-update',
      '--config', '/tmp/run/trivy-config.yaml', '--ignorefile', '/tmp/run/trivy-ignore',
      '--image-src', 'docker', 'shop/web:1.4.2',
    ]);
    expect(() => trivyAdapter.command!(options({ mode: 'image', image: 'docker:shop/web:1.4.2', workDir: undefined }))).toThrow(/needs opts.workDir/);
  });

  it('writes the empty ignore file, config and a private cache before the run', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'gh-trivy-prep-'));
    await trivyAdapter.prepare!(options({ workDir }));
    expect(readFileSync(join(workDir, 'trivy-ignore'), 'utf8')).toBe('');
    expect(readFileSync(join(workDir, 'trivy-config.yaml'), 'utf8')).toBe('{}\n');
    expect(statSync(join(workDir, 'trivy-cache')).mode & 0o777).toBe(0o700);
  });

  it('reads exit 0 as clean, 10 as findings, 1 as trivy failing', () => {
    const result = (exitCode: number) => ({ command: ['trivy'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'FATAL\tFatal error\tfs scan error: scan error: unable to initialize a scanner\n', durationMs: 1 });
    expect(interpretExit(result(0), trivyAdapter.exitCodes!)).toBe('clean');
    expect(interpretExit(result(10), trivyAdapter.exitCodes!)).toBe('findings');
    expect(() => interpretExit(result(1), trivyAdapter.exitCodes!)).toThrow(/exited with code 1; trivy failed.*last stderr line: FATAL/);
  });
});

describe('trivy config through a stub executable', () => {
  const report = readFileSync(new URL('./__fixtures__/config-dockerfile-helm-exception-pass.json', import.meta.url), 'utf8');

  async function run(behaviour: StubBehaviour, timeoutMs?: number, target = 'apps') {
    const workDir = mkdtempSync(join(tmpdir(), 'gh-trivy-run-'));
    const reportPath = join(workDir, 'trivy.json');
    const executable = writeStubScanner('trivy', expectedArgs(workDir, reportPath, 'apps'), behaviour);
    const opts: RunOptions = { executable, workspace: workDir, targets: [target], reportPath, mode: 'config', workDir };
    const outcome = await runAdapterThroughStub(trivyAdapter, opts, timeoutMs ? { timeoutMs } : {});
    return { outcome, workDir };
  }

  it('passes the exact argv and reads the recorded report (exit 10: findings)', async () => {
    const { outcome, workDir } = await run({ kind: 'report', report, exitCode: 10 });
    expect(outcome).toMatchObject({ status: 'ran', result: { nativeCount: 5 } });
    expect(existsSync(join(workDir, 'trivy-ignore'))).toBe(true);
  });

  it('is incomplete, naming the argv mismatch, when the command line differs', async () => {
    const { outcome } = await run({ kind: 'report', report }, undefined, 'other');
    expect(outcome).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/^Trivy: .*exited with code 97.*stub: unexpected argv/) });
  });

  it.each([
    ['crashes (SIGSEGV)', { kind: 'crash' } as StubBehaviour, /killed by signal SIGSEGV/],
    ['prints garbage', { kind: 'garbage' } as StubBehaviour, /unreadable report/],
    ['writes a truncated report', { kind: 'truncated', report } as StubBehaviour, /truncated/],
    ['cannot load its checks (exit 1)', { kind: 'exit', exitCode: 1, stderr: 'FATAL\tFatal error\tinit error: failed to load checks bundle' } as StubBehaviour, /code 1; trivy failed.*failed to load checks bundle/],
    ['writes a report with no artifact', { kind: 'report', report: '{"SchemaVersion": 2}', exitCode: 0 } as StubBehaviour, /no "ArtifactName"/],
    ['exits with an unexpected code', { kind: 'exit', exitCode: 2, stderr: 'unexpected' } as StubBehaviour, /exited with code 2/],
  ])('is incomplete when trivy %s', async (_label, behaviour, reason) => {
    const { outcome } = await run(behaviour);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(/^Trivy: /);
    expect(outcome.status === 'incomplete' && outcome.reason).toMatch(reason);
  });

  it('is incomplete when trivy hangs past the timeout', async () => {
    const { outcome } = await run({ kind: 'hang' }, 1_000);
    expect(outcome).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/^Trivy: .*timed out/) });
  });
});
