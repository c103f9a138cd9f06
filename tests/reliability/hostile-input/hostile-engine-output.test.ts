import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { HOSTILE_INPUT_CASES } from '../catalog/hostile-input';
import { runFaultedScan, type FaultedScanResult } from '../fault-matrix/run-faulted-scan';
import { caseById, caseTest } from '../support/case-test';
import { writeReportStub } from '../support/report-stub';

const TEN_MB = 10 * 1024 * 1024;

function semgrepReport(results: unknown[]): string {
  return JSON.stringify({ version: '1.156.0', errors: [], paths: { scanned: ['app/long.py'] }, results });
}

function semgrepResult(path: string, message: string, metadata: unknown = {}): string {
  // Built as text so a nested metadata document does not go through JSON.stringify's recursion here.
  const base = JSON.stringify({
    check_id: 'hostile.rule',
    path,
    start: { line: 1, col: 1, offset: 0 },
    end: { line: 1, col: 5, offset: 4 },
    extra: { message, metadata: 'METADATA_SLOT', severity: 'WARNING', lines: 'requires login', fingerprint: 'f', is_ignored: false },
  });
  return base.replace('"METADATA_SLOT"', typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
}

/** Runs a stub semgrep printing `report` (bytes) next to the healthy companion engine. */
async function semgrepPrinting(report: Buffer | string, files: Record<string, string> = {}): Promise<FaultedScanResult> {
  const stub = writeReportStub(mkdtempSync(join(tmpdir(), 'gatehouse-hostile-stub-')), 'semgrep', report, { exitCode: 1 });
  return runFaultedScan({ engine: 'semgrep', resolve: async (engine) => ({ status: 'available', engine, path: stub, version: 'stub', source: 'path' }), files });
}

function expectCompanionPublished(result: FaultedScanResult): void {
  expect(result.findingsJson.findings.some((f) => f.sources.some((s) => s.engine === result.companion))).toBe(true);
  expect(result.sarif.runs.flatMap((r) => r.results).length).toBeGreaterThan(0);
}

function semgrepRun(result: FaultedScanResult) {
  return result.findingsJson.engines.find((e) => e.id === 'semgrep')!;
}

describe('hostile engine output through the engine runner', () => {
  caseTest(
    caseById(HOSTILE_INPUT_CASES, 'hostile-input/ten-megabyte-line'),
    async () => {
      const longLine = `x = "${'A'.repeat(TEN_MB)}"\n`;
      const message = 'B'.repeat(TEN_MB);
      const result = await semgrepPrinting(`{"version":"1.156.0","errors":[],"paths":{"scanned":[]},"results":[${semgrepResult('app/long.py', message)}]}`, { 'app/long.py': longLine });
      expectCompanionPublished(result);
      expect(['ran', 'incomplete']).toContain(semgrepRun(result).status);
      for (const name of readdirSync(result.outDir)) {
        if (name === 'reports') continue;
        const text = readFileSync(join(result.outDir, name), 'utf8');
        expect(text.includes('A'.repeat(100_000)), `${name} carries the 10 MB source line`).toBe(false);
        expect(text.includes('B'.repeat(100_000)), `${name} carries the 10 MB message`).toBe(false);
      }
      expect(result.summary.length).toBeLessThan(1024 * 1024);
    },
    60_000,
  );

  caseTest(
    caseById(HOSTILE_INPUT_CASES, 'hostile-input/deeply-nested-document'),
    async () => {
      const depth = 100_000;
      const result = await semgrepPrinting(`{"results":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(semgrepRun(result).status).toBe('incomplete');
      expect(semgrepRun(result).reason).toMatch(/semgrep.*(could not be read|failed)/);
      expectCompanionPublished(result);
    },
    60_000,
  );

  caseTest(
    caseById(HOSTILE_INPUT_CASES, 'hostile-input/deeply-nested-entry'),
    async () => {
      const depth = 20_000;
      const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const result = await semgrepPrinting(semgrepReport([]).replace('"results":[]', `"results":[${semgrepResult('app/long.py', 'deep metadata', nested)}]`), { 'app/long.py': 'print(1)\n' });
      expect(['ran', 'incomplete']).toContain(semgrepRun(result).status);
      expectCompanionPublished(result);
    },
    60_000,
  );

  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/invalid-utf8'), async () => {
    const report = Buffer.concat([Buffer.from('{"version":"1.156.0","errors":[],"results":[{"check_id":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]}')]);
    const result = await semgrepPrinting(report);
    expect(semgrepRun(result).status).toBe('incomplete');
    expect(semgrepRun(result).reason).toMatch(/UTF-8/i);
    expectCompanionPublished(result);
  });

  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/utf16'), async () => {
    const report = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(semgrepReport([]), 'utf16le')]);
    const result = await semgrepPrinting(report);
    expect(semgrepRun(result).status).toBe('incomplete');
    expect(semgrepRun(result).reason).toMatch(/UTF-16/i);
    expectCompanionPublished(result);
  });
});
