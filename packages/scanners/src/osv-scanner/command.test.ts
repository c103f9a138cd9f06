import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../adapter';
import { runExternalEngine } from '../test-support/run-external-engine';
import { writeStubEngine, type StubBehaviour } from '../test-support/stub-engine';
import { osvScannerCommand } from './command';
import { osvScannerAdapter } from './index';

const APP = fileURLToPath(new URL('../osv-offline/__fixtures__/vulnerable-app', import.meta.url));
const REPORT = readFileSync(fileURLToPath(new URL('./__fixtures__/v2-demo-web-with-license-violation.json', import.meta.url)), 'utf8');
const EMPTY = '{"results": [], "experimental_config": {"licenses": {"summary": false, "allowlist": null}}}';

function setup() {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-osvscanner-ws-'));
  cpSync(APP, workspace, { recursive: true });
  const run = mkdtempSync(join(tmpdir(), 'gh-osvscanner-run-'));
  const reportPath = join(run, 'osv-scanner.json');
  const argv = ['scan', 'source', '--format', 'json', '--output', reportPath, '--all-vulns', '--lockfile', 'api/requirements.txt', '--lockfile', 'web/package-lock.json'];
  const options = (executable: string): RunOptions => ({ executable, workspace, targets: ['api/requirements.txt', 'web/package-lock.json'], reportPath, mode: 'full' });
  return { workspace, options, stub: (b: StubBehaviour) => writeStubEngine(join(run, 'bin'), 'osv-scanner', argv, b, workspace), ctx: { file: 'osv-scanner.json', workspace, salt: 's' } };
}

describe('the osv-scanner command', () => {
  it('scans every lockfile of the plan in one run, offline against its own databases when given a cache', () => {
    const cmd = osvScannerCommand({ executable: 'osv-scanner', workspace: '/ws', targets: ['web/package-lock.json'], reportPath: '/r/osv.json', mode: 'full', cacheDir: '/cache/osv' });
    expect(cmd).toEqual({
      executable: 'osv-scanner',
      args: ['scan', 'source', '--format', 'json', '--output', '/r/osv.json', '--all-vulns', '--offline-vulnerabilities', '--download-offline-databases', '--lockfile', 'web/package-lock.json'],
      cwd: '/ws',
      reportPath: '/r/osv.json',
      env: { OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY: '/cache/osv' },
    });
  });

  it('refuses a lockfile path osv-scanner would read as "parse as"', () => {
    expect(() => osvScannerCommand({ executable: 'osv-scanner', workspace: '/ws', targets: ['requirements.txt:evil/package-lock.json'], reportPath: '/r', mode: 'full' })).toThrow(/colon/);
  });
});

describe('osv-scanner through a stub executable', () => {
  it('reads exit 1 with a report as vulnerabilities found, and exit 0 as clean', async () => {
    const s = setup();
    expect(await runExternalEngine(osvScannerAdapter, s.options(s.stub({ kind: 'report', report: REPORT, to: { argAfter: '--output' }, exitCode: 1 })), s.ctx, { timeoutMs: 20_000 })).toMatchObject({
      status: 'ran',
      outcome: 'findings',
      result: { nativeCount: 6 },
    });
    const t = setup();
    expect(await runExternalEngine(osvScannerAdapter, t.options(t.stub({ kind: 'report', report: EMPTY, to: { argAfter: '--output' }, exitCode: 0 })), t.ctx, { timeoutMs: 20_000 })).toMatchObject({
      status: 'ran',
      outcome: 'clean',
      result: { findings: [] },
    });
  });

  it.each([
    ['exit 128 (no packages found)', { kind: 'no-report', exitCode: 128, stderr: 'No package sources found\n' } as StubBehaviour, /exited with code 128; osv-scanner found no packages .*last stderr line: No package sources found/],
    ['exit 127 (an error)', { kind: 'no-report', exitCode: 127, stderr: 'failed to query osv.dev\n' } as StubBehaviour, /exited with code 127; osv-scanner failed/],
    ['a crash', { kind: 'crash' } as StubBehaviour, /killed by signal SIGSEGV/],
    ['garbage', { kind: 'report', report: '<html>502 Bad Gateway</html>', to: { argAfter: '--output' }, exitCode: 1 } as StubBehaviour, /unreadable report/],
    ['a report without vulnerabilities after exit 1', { kind: 'report', report: EMPTY, to: { argAfter: '--output' }, exitCode: 1 } as StubBehaviour, /exited 1 \("vulnerabilities found"\) but its report lists none/],
    ['a truncated report', { kind: 'report', report: REPORT.slice(0, 2_000), to: { argAfter: '--output' }, exitCode: 1 } as StubBehaviour, /unreadable report: .*truncated/],
    ['a hang', { kind: 'hang' } as StubBehaviour, /timed out/],
  ])('ends incomplete on %s', async (_name, behaviour, reason) => {
    const s = setup();
    const result = await runExternalEngine(osvScannerAdapter, s.options(s.stub(behaviour)), s.ctx, { timeoutMs: behaviour.kind === 'hang' ? 1_000 : 20_000, killGraceMs: 200 });
    expect(result.status).toBe('incomplete');
    if (result.status === 'incomplete') expect(result.reason).toMatch(reason);
  });
});
