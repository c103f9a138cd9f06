import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../adapter';
import { runExternalEngine } from '../test-support/run-external-engine';
import { writeStubEngine, type StubBehaviour } from '../test-support/stub-engine';
import { pipAuditAdapter } from './index';
import { PINNED_REQUIREMENTS_FILE } from './prepare';

const MONOREPO = fileURLToPath(new URL('../manifests/__fixtures__/monorepo', import.meta.url));
const REPORT = readFileSync(fileURLToPath(new URL('./__fixtures__/v2-demo-api.json', import.meta.url)), 'utf8');

function setup(manifest: string) {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-pipaudit-ws-'));
  cpSync(MONOREPO, workspace, { recursive: true });
  const run = mkdtempSync(join(tmpdir(), 'gh-pipaudit-run-'));
  const workDir = join(run, 'work');
  mkdirSync(workDir);
  const reportPath = join(run, 'pip-audit.json');
  const expectedArgv = ['-r', join(workDir, PINNED_REQUIREMENTS_FILE), '--no-deps', '--disable-pip', '--format', 'json', '--output', reportPath, '--progress-spinner', 'off'];
  const options = (executable: string): RunOptions => ({ executable, workspace, targets: [manifest], reportPath, mode: 'full', workDir });
  const stub = (behaviour: StubBehaviour) => writeStubEngine(join(run, 'bin'), 'pip-audit', expectedArgv, behaviour, workspace);
  const ctx = { file: 'pip-audit.json', workspace, salt: 's', manifest };
  return { workspace, workDir, options, stub, ctx };
}

describe('pip-audit through a stub executable', () => {
  it('audits a pinned requirements file written from the manifest, with its -r includes, never the original', async () => {
    const s = setup('services/api/requirements.txt');
    const exe = s.stub({ kind: 'report', report: REPORT, to: { argAfter: '--output' }, exitCode: 1 });
    const run = await runExternalEngine(pipAuditAdapter, s.options(exe), s.ctx, { timeoutMs: 20_000 });
    expect(run).toMatchObject({ status: 'ran', outcome: 'findings' });
    expect(readFileSync(join(s.workDir, PINNED_REQUIREMENTS_FILE), 'utf8')).toBe('Flask==0.12.2\nJinja2==2.10\nPyYAML==5.3.1\nrequests==2.19.1\nurllib3==1.24.1\n');
    if (run.status === 'ran') expect(run.result.findings[0]!.location).toMatchObject({ manifest: 'services/api/requirements.txt' });
  });

  it('translates poetry.lock, uv.lock and Pipfile.lock into pinned requirements', async () => {
    for (const [manifest, pins] of [
      ['services/worker/poetry.lock', 'pytest==7.4.0\npyyaml==5.3.1\n'],
      ['services/billing/uv.lock', 'jinja2==2.10\nmarkupsafe==1.1.1\n'],
      ['services/reports/Pipfile.lock', 'pytest==7.4.0\nrequests==2.19.1\nurllib3==1.24.1\n'],
    ] as const) {
      const s = setup(manifest);
      const exe = s.stub({ kind: 'no-report', exitCode: 0 });
      const run = await runExternalEngine(pipAuditAdapter, s.options(exe), s.ctx, { timeoutMs: 20_000 });
      expect(run, manifest).toMatchObject({ status: 'ran', outcome: 'clean', result: { findings: [] } });
      expect(readFileSync(join(s.workDir, PINNED_REQUIREMENTS_FILE), 'utf8')).toBe(pins);
    }
  });

  it('reads "no report and exit 0" as clean: pip-audit writes nothing when it finds nothing', async () => {
    const s = setup('services/api/requirements.txt');
    const run = await runExternalEngine(pipAuditAdapter, s.options(s.stub({ kind: 'no-report', exitCode: 0 })), s.ctx, { timeoutMs: 20_000 });
    expect(run).toMatchObject({ status: 'ran', outcome: 'clean', result: { findings: [], incomplete: [] } });
  });

  it('reads exit 1 without a report as a failure, not as "vulnerabilities found"', async () => {
    const s = setup('services/api/requirements.txt');
    const exe = s.stub({ kind: 'no-report', exitCode: 1, stderr: 'ERROR:pip_audit._cli:Tip: your network may be blocking this service.\n' });
    const run = await runExternalEngine(pipAuditAdapter, s.options(exe), s.ctx, { timeoutMs: 20_000 });
    expect(run).toEqual({ status: 'incomplete', reason: 'pip-audit: exited 1 without writing a report (last stderr line: ERROR:pip_audit._cli:Tip: your network may be blocking this service.)' });
  });

  it.each([
    ['a crash', { kind: 'crash' } as StubBehaviour, /pip-audit: .*killed by signal SIGSEGV/],
    ['garbage', { kind: 'report', report: 'Traceback (most recent call last):\n', to: { argAfter: '--output' }, exitCode: 1 } as StubBehaviour, /pip-audit: unreadable report: pip-audit\.json.*invalid JSON/],
    ['a truncated report', { kind: 'report', report: REPORT.slice(0, 400), to: { argAfter: '--output' }, exitCode: 1 } as StubBehaviour, /pip-audit: unreadable report: .*truncated/],
    ['an unexpected exit code', { kind: 'no-report', exitCode: 3 } as StubBehaviour, /pip-audit: .*exited with code 3/],
    ['a hang', { kind: 'hang' } as StubBehaviour, /pip-audit: .*timed out/],
  ])('ends incomplete on %s', async (_name, behaviour, reason) => {
    const s = setup('services/api/requirements.txt');
    const run = await runExternalEngine(pipAuditAdapter, s.options(s.stub(behaviour)), s.ctx, { timeoutMs: behaviour.kind === 'hang' ? 1_000 : 20_000, killGraceMs: 200 });
    expect(run.status).toBe('incomplete');
    if (run.status === 'incomplete') expect(run.reason).toMatch(reason);
  });

  it('ends incomplete when the manifest cannot be read, before running anything', async () => {
    const s = setup('services/missing/requirements.txt');
    const run = await runExternalEngine(pipAuditAdapter, s.options('/nonexistent/pip-audit'), s.ctx);
    expect(run).toEqual({ status: 'incomplete', reason: 'pip-audit: pip-audit: services/missing/requirements.txt: no such file' });
  });
});
