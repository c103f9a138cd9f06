import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { dependencyParseContext } from '../manifests/dependency-context';
import { runExternalEngine } from '../test-support/run-external-engine';
import { writeStubEngine, type StubBehaviour } from '../test-support/stub-engine';
import { npmAuditCommand, NPM_AUDIT_EXIT_CODES, PUBLIC_NPM_REGISTRY } from './command';
import { npmAuditAdapter } from './index';

const APP = fileURLToPath(new URL('../osv-offline/__fixtures__/vulnerable-app', import.meta.url));
const REPORT = readFileSync(fileURLToPath(new URL('./__fixtures__/v2-demo-web.json', import.meta.url)), 'utf8');
const ERROR = readFileSync(fileURLToPath(new URL('./__fixtures__/error-no-lockfile.json', import.meta.url)), 'utf8');
const ARGV = ['audit', '--json', '--package-lock-only', '--audit-level=info', '--include=prod', '--include=dev', '--include=optional', '--include=peer', `--registry=${PUBLIC_NPM_REGISTRY}`];

function setup() {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-npmaudit-ws-'));
  cpSync(APP, workspace, { recursive: true });
  const bin = mkdtempSync(join(tmpdir(), 'gh-npmaudit-bin-'));
  const options = (executable: string): RunOptions => ({ executable, workspace, targets: ['web/package-lock.json'], reportPath: join(bin, 'unused.json'), mode: 'full' });
  const stub = (behaviour: StubBehaviour) => writeStubEngine(bin, 'npm', ARGV, behaviour, join(workspace, 'web'));
  return { workspace, options, stub };
}

async function run(behaviour: StubBehaviour, limits: { timeoutMs?: number; outputCapBytes?: number } = {}) {
  const s = setup();
  const ctx = await dependencyParseContext({ file: 'npm-audit.json', workspace: s.workspace, salt: 's' }, 'web/package-lock.json');
  return runExternalEngine(npmAuditAdapter, s.options(s.stub(behaviour)), ctx, { timeoutMs: 20_000, killGraceMs: 200, ...limits });
}

describe('the npm audit command', () => {
  it('runs in the lockfile folder with the registry, levels and dependency types pinned against a hostile .npmrc', () => {
    expect(npmAuditCommand({ executable: 'npm', workspace: '/ws', targets: ['apps/web/package-lock.json'], reportPath: '/r', mode: 'full', extraArgs: ['--registry=https://npm.corp.example/'] })).toEqual({
      executable: 'npm',
      args: [...ARGV.slice(0, -1), '--registry=https://npm.corp.example/'],
      cwd: '/ws/apps/web',
    });
    expect(npmAuditCommand({ executable: 'npm', workspace: '/ws', targets: ['package-lock.json'], reportPath: '/r', mode: 'full' }).cwd).toBe('/ws');
  });

  it('reads exit 0 as clean and 1 as findings (npm failures also exit 1, and say so in the JSON)', () => {
    const result = (exitCode: number) => ({ command: ['npm'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: '', durationMs: 1 });
    expect(interpretExit(result(0), NPM_AUDIT_EXIT_CODES)).toBe('clean');
    expect(interpretExit(result(1), NPM_AUDIT_EXIT_CODES)).toBe('findings');
    expect(() => interpretExit(result(254), NPM_AUDIT_EXIT_CODES)).toThrow(/exited with code 254/);
  });
});

describe('npm audit through a stub executable', () => {
  it('finds the vulnerabilities of the lockfile with their installed versions (exit 1 = vulnerabilities found)', async () => {
    const result = await run({ kind: 'report', report: REPORT, to: 'stdout', exitCode: 1 });
    expect(result).toMatchObject({ status: 'ran', outcome: 'findings' });
    if (result.status === 'ran') expect(result.result.findings.map((f) => (f.location.kind === 'package' ? `${f.location.name}@${f.location.version}` : ''))).toEqual(['axios@0.21.0', 'follow-redirects@1.13.0', 'lodash@4.17.15', 'lodash@4.17.15', 'minimist@1.2.0']);
  });

  it('ends incomplete when npm failed, even though it printed JSON and exited 1', async () => {
    const result = await run({ kind: 'report', report: ERROR, to: 'stdout', exitCode: 1 });
    expect(result).toMatchObject({ status: 'ran', result: { findings: [], incomplete: [expect.stringMatching(/^npm audit failed \(ENOLOCK\)/)] } });
  });

  it.each([
    ['a crash', { kind: 'crash' } as StubBehaviour, {}, /^npm-audit: .*killed by signal SIGSEGV/],
    ['garbage', { kind: 'report', report: 'npm ERR! code E403\n', to: 'stdout', exitCode: 1 } as StubBehaviour, {}, /^npm-audit: unreadable report: npm-audit\.json.*invalid JSON/],
    ['a truncated report', { kind: 'report', report: REPORT.slice(0, 300), to: 'stdout', exitCode: 1 } as StubBehaviour, {}, /^npm-audit: unreadable report: .*truncated/],
    ['nothing on stdout', { kind: 'no-report', exitCode: 1 } as StubBehaviour, {}, /^npm-audit: exited 1 without writing a report/],
    ['an unexpected exit code', { kind: 'no-report', exitCode: 7 } as StubBehaviour, {}, /^npm-audit: .*exited with code 7/],
    ['a hang', { kind: 'hang' } as StubBehaviour, { timeoutMs: 1_000 }, /^npm-audit: .*timed out/],
    ['output over the cap', { kind: 'flood', bytes: 4 * 1024 * 1024 } as StubBehaviour, { outputCapBytes: 1024 * 1024 }, /^npm-audit: .*output exceeded the cap/],
  ])('ends incomplete on %s', async (_name, behaviour, limits, reason) => {
    const result = await run(behaviour, limits);
    expect(result.status).toBe('incomplete');
    if (result.status === 'incomplete') expect(result.reason).toMatch(reason);
  });

  it('fails with the stub\'s own exit code when the argv is not the expected one', async () => {
    const s = setup();
    const exe = writeStubEngine(join(s.workspace, '..', 'other-bin'), 'npm', ['audit', '--json'], { kind: 'report', report: REPORT, to: 'stdout', exitCode: 1 });
    const result = await runExternalEngine(npmAuditAdapter, s.options(exe), { file: 'npm-audit.json', workspace: s.workspace, salt: 's' }, { timeoutMs: 20_000 });
    expect(result).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/exited with code 97; last stderr line: actual/) });
  });
});
