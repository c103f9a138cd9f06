import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunOptions, ScannerAdapter } from '../adapter';
import { detectSecretsAdapter } from '../detect-secrets';
import { gitleaksAdapter } from '../gitleaks';
import { trufflehogAdapter } from '../trufflehog';
import { runEngineForTest } from './test-support/run-engine';
import { writeStubExecutable, type StubBehaviour } from './test-support/stub-executable';

/**
 * The external secret engines are not installed here: stub executables stand in for them. Each
 * asserts the exact argv Gatehouse gives the real tool, then prints a recorded report, or
 * crashes, hangs, prints garbage or a cut-off report, floods stdout, or exits with a code the
 * tool does not use. Every failure must end `incomplete`, naming the engine and the cause.
 */

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);
const SALT = 'stub-engines-salt-0123456789abcdef';

interface Scenario {
  adapter: ScannerAdapter;
  /** The options the plan gives and the exact argv the real tool must get for them. */
  setup(dirs: { workspace: string; workDir: string; reportPath: string }): { opts: Omit<RunOptions, 'executable'>; argv: string[] };
  /** A recorded report with one finding, and the exit code the tool uses for "found something". */
  report: string;
  foundExit: number;
  deliver(content: string, exitCode: number): StubBehaviour;
}

const gitleaksReport = JSON.stringify([
  { RuleID: 'generic-api-key', Description: 'Generic API Key', StartLine: 2, EndLine: 2, Match: 'key = "stub-value-not-a-credential-1"', Secret: 'stub-value-not-a-credential-1', File: 'app.py', Commit: HEAD, Author: 'A', Email: 'a@example.test', Date: '2024-01-01T00:00:00Z', Message: 'x', Tags: [], Fingerprint: `${HEAD}:app.py:generic-api-key:2` },
]);
const trufflehogReport = `${JSON.stringify({ SourceMetadata: { Data: { Git: { commit: HEAD, file: 'app.py', email: 'A <a@example.test>', line: 2 } } }, DetectorName: 'Generic', DecoderName: 'PLAIN', Verified: false, Raw: 'stub-value-not-a-credential-2' })}\n`;
const baseline = (results: object) => `${JSON.stringify({ version: '1.5.0', plugins_used: [{ name: 'KeywordDetector' }], filters_used: [], results, generated_at: '2024-01-01T00:00:00Z' }, null, 2)}\n`;
const detectSecretsReport = baseline({ 'app.py': [{ type: 'Secret Keyword', filename: 'app.py', hashed_secret: 'f'.repeat(40), is_verified: false, line_number: 2 }] });

const SCENARIOS: Scenario[] = [
  {
    adapter: gitleaksAdapter,
    setup: ({ workspace, workDir, reportPath }) => {
      mkdirSync(join(workspace, '.git'));
      return {
        opts: { workspace, targets: [], reportPath, mode: 'history', gitRange: `${BASE}..${HEAD}`, workDir },
        argv: ['git', `--log-opts=${BASE}..${HEAD}`, '--config', join(workDir, 'gatehouse-default.gitleaks.toml'), '--report-format', 'json', '--report-path', reportPath, '--exit-code', '99', '--gitleaks-ignore-path', workDir, '--no-banner', '--no-color', '.git'],
      };
    },
    report: gitleaksReport,
    foundExit: 99,
    deliver: (content, exitCode) => ({ kind: 'report-file', flag: '--report-path', content, exitCode }),
  },
  {
    adapter: trufflehogAdapter,
    setup: ({ workspace, workDir, reportPath }) => ({
      opts: { workspace, targets: [], reportPath, mode: 'history', gitRange: `${BASE}..${HEAD}`, workDir },
      argv: ['git', `file://${workspace}`, '--since-commit', BASE, '--branch', HEAD, '--json', '--no-update', '--fail', '--results=verified,unknown,unverified'],
    }),
    report: trufflehogReport,
    foundExit: 183,
    deliver: (content, exitCode) => ({ kind: 'stdout', content, exitCode }),
  },
  {
    adapter: detectSecretsAdapter,
    setup: ({ workspace, workDir, reportPath }) => {
      writeFileSync(join(workspace, '.secrets.baseline'), baseline({}));
      return {
        opts: { workspace, targets: [], reportPath, mode: 'full', workDir },
        argv: ['scan', '--baseline', reportPath, '--exclude-files', '(^|/)\\.secrets\\.baseline$'],
      };
    },
    report: detectSecretsReport,
    foundExit: 0,
    deliver: (content, exitCode) => ({ kind: 'report-file', flag: '--baseline', content, exitCode }),
  },
];

async function runStub(scenario: Scenario, behaviour: (argv: string[]) => StubBehaviour, tweak: (opts: Omit<RunOptions, 'executable'>) => Omit<RunOptions, 'executable'> = (o) => o) {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-stub-ws-'));
  const workDir = mkdtempSync(join(tmpdir(), 'gh-stub-work-'));
  const { opts, argv } = scenario.setup({ workspace, workDir, reportPath: join(workDir, `${scenario.adapter.id}-report`) });
  const executable = writeStubExecutable(join(workDir, 'bin'), scenario.adapter.id, argv, behaviour(argv));
  return runEngineForTest(scenario.adapter, { ...tweak(opts), executable }, { workspace, salt: SALT }, { timeoutMs: 1_500, outputCapBytes: 1024 * 1024 });
}

describe.each(SCENARIOS)('$adapter.id through a stub executable', (scenario) => {
  const id = scenario.adapter.id;

  it('gets the exact argv and reads the recorded report', async () => {
    const run = await runStub(scenario, () => scenario.deliver(scenario.report, scenario.foundExit));
    if (run.status !== 'ran') throw new Error(run.reason);
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0]!.category).toBe('secret');
  });

  it('is incomplete when the argv differs from what the tool must get', async () => {
    const run = await runStub(scenario, () => scenario.deliver(scenario.report, scenario.foundExit), (o) => ({ ...o, extraArgs: ['--unexpected'] }));
    expect(run).toEqual({ status: 'incomplete', reason: expect.stringMatching(new RegExp(`^${id}: .*exited with code 97.*unexpected argv|^${id}: .*exited with code 97`)) });
  });

  it.each<[string, StubBehaviour | ((s: Scenario) => StubBehaviour), RegExp]>([
    ['crashes (SIGSEGV)', { kind: 'crash' }, /killed by signal SIGSEGV/],
    ['hangs', { kind: 'hang' }, /timed out.*no exit after 1500 ms/],
    ['prints garbage', (s) => s.deliver('Segmentation fault\n\u0007garbage', s.foundExit), /invalid JSON|the first line is not JSON/],
    ['prints a cut-off report', (s) => s.deliver(s.report.slice(0, Math.floor(s.report.length / 2)), s.foundExit), /truncated/],
    ['floods stdout past the cap', { kind: 'flood', bytes: 4 * 1024 * 1024 }, /output exceeded the cap/],
    ['exits with a code the tool does not use', { kind: 'exit', code: 3, stderr: 'boom: something broke' }, /exited with code 3.*last stderr line: boom: something broke/],
  ])('is incomplete, never clean, when the tool %s', async (_what, behaviour, cause) => {
    const run = await runStub(scenario, () => (typeof behaviour === 'function' ? behaviour(scenario) : behaviour));
    expect(run.status).toBe('incomplete');
    if (run.status === 'incomplete') {
      expect(run.reason.startsWith(`${id}: `)).toBe(true);
      expect(run.reason).toMatch(cause);
      expect(run.reason).not.toContain('stub-value-not-a-credential');
    }
  }, 15_000);

  it('is incomplete when it fails with its own failure code (1), even with a partial report', async () => {
    const run = await runStub(scenario, () => scenario.deliver(scenario.report, 1));
    expect(run).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(new RegExp(`^${id}: .*exited with code 1`)) });
  });
});
