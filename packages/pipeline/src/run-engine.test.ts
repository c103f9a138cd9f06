import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger, ParseError } from '@gatehouse/findings';
import { codeDraft } from '@gatehouse/findings/test-support';
import { AuditLog } from '@gatehouse/report';
import { readJsonReport, type ScannerAdapter } from '@gatehouse/scanners';
import { runEngine } from './run-engine';

const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-run-engine-ws-'));

/** A stub engine: a node script that prints what `body` says, run with the report path as argv[2]. */
function stub(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gatehouse-stub-')), 'engine');
  writeFileSync(file, `#!${process.execPath}\nconst report = process.argv[2];\nconst fs = require('fs');\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A minimal adapter for a report of the form {"findings": [{"line": n}]}. */
function adapter(overrides: Partial<ScannerAdapter> = {}): ScannerAdapter {
  return {
    id: 'toy',
    displayName: 'toy',
    categories: ['sast'],
    formats: ['json'],
    exitCodes: { clean: [0], findings: [1] },
    reportOn: 'file',
    command: (opts) => ({ executable: opts.executable, args: [opts.reportPath], cwd: opts.workspace }),
    parse: (content, ctx) => {
      const doc = readJsonReport(content, ctx.file) as { findings?: { line: number }[] };
      if (!doc || !Array.isArray(doc.findings)) throw new ParseError('not a toy report', ctx.file);
      const findings = doc.findings.map((f) =>
        codeDraft({ ruleId: 'T1', location: { kind: 'code', path: 'a.py', startLine: f.line }, sources: [{ engine: 'toy', nativeId: 'T1' }] }),
      );
      return { findings, skipped: [], incomplete: [], nativeCount: findings.length };
    },
    ...overrides,
  };
}

async function run(script: string, overrides: Partial<ScannerAdapter> = {}, timeoutMs = 10_000) {
  const audit = new AuditLog({ clock: () => new Date('2026-11-22T00:00:00Z') });
  const outcome = await runEngine({
    adapter: adapter(overrides),
    executable: stub(script),
    version: '1.0.0',
    options: { workspace, targets: ['.'], mode: 'full' },
    parse: { workspace, salt: 'a-salt-that-is-long-enough' },
    logger: new MemoryLogger(),
    audit,
    limits: { timeoutMs, outputCapBytes: 1024 * 1024, killGraceMs: 100 },
  });
  return { outcome, audit };
}

describe('running one engine', () => {
  it('returns the findings of a clean run and records it in the audit log', async () => {
    const { outcome, audit } = await run(`fs.writeFileSync(report, JSON.stringify({findings: [{line: 3}]})); process.exit(1)`);
    expect(outcome.engine).toMatchObject({ id: 'toy', status: 'ran', findings: 1, version: '1.0.0' });
    expect(outcome.drafts).toHaveLength(1);
    expect(audit.events.map((e) => e.type)).toEqual(['engine.started', 'engine.finished']);
    expect(audit.events[1]).toMatchObject({ exitCode: 1, status: 'ran', findings: 1 });
  });

  it.each([
    ['crashes by signal', `process.kill(process.pid, 'SIGSEGV')`, /signal SIGSEGV/],
    ['exits with an unexpected code', `console.error('fatal: database locked'); process.exit(3)`, /exited with code 3.*database locked/],
    ['writes garbage', `fs.writeFileSync(report, 'Segmentation fault (core dumped)')`, /report could not be read/],
    ['writes a truncated report', `fs.writeFileSync(report, '{"findings": [{"line"')`, /truncated/],
    ['writes no report', `process.exit(0)`, /report file not found/],
    ['writes an empty report', `fs.writeFileSync(report, '')`, /report is empty/],
  ])('is incomplete, naming the engine, when it %s', async (_what, script, reason) => {
    const { outcome, audit } = await run(script);
    expect(outcome.engine.status).toBe('incomplete');
    expect(outcome.engine.reason).toMatch(/^toy /);
    expect(outcome.engine.reason).toMatch(reason);
    expect(outcome.drafts).toEqual([]);
    expect(audit.events[1]).toMatchObject({ type: 'engine.finished', status: 'incomplete' });
  });

  it('is incomplete when it hangs past the timeout', async () => {
    const { outcome } = await run(`setInterval(() => {}, 1000)`, {}, 500);
    expect(outcome.engine).toMatchObject({ status: 'incomplete' });
    expect(outcome.engine.reason).toMatch(/timed out/);
  });

  it('is incomplete when its output exceeds the cap', async () => {
    const { outcome } = await run(`const b = 'x'.repeat(65536); const w = () => process.stdout.write(b, w); w()`, { reportOn: 'stdout' });
    expect(outcome.engine.reason).toMatch(/output exceeded the cap/);
  });

  it('parses the stand-in report an adapter gives for "wrote nothing after a clean exit"', async () => {
    const { outcome } = await run(`process.exit(0)`, { reportWhenAbsent: (o) => (o === 'clean' ? '{"findings": []}' : undefined) });
    expect(outcome.engine.status).toBe('ran');
  });

  it('is incomplete when the exit code says findings but the report lists none, for engines where that means failure', async () => {
    const { outcome } = await run(`fs.writeFileSync(report, '{"findings": []}'); process.exit(1)`, { findingsExitNeedsFindings: true });
    expect(outcome.engine.status).toBe('incomplete');
    expect(outcome.engine.reason).toMatch(/"findings" code but its report lists none/);
  });

  it('runs in-process engines with the same timeout', async () => {
    const { outcome } = await run('', { command: undefined, runInProcess: () => new Promise(() => {}) }, 300);
    expect(outcome.engine.status).toBe('incomplete');
    expect(outcome.engine.reason).toMatch(/timed out/);
  });
});
