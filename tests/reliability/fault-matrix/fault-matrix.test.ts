import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { resolveEngineExecutable } from '../../../packages/action-runtime/src/index';
import { MemoryLogger, ParseError } from '../../../packages/findings/src/index';
import { normalizeReportFile } from '../../../packages/pipeline/src/index';
import { ALL_ADAPTERS, SECRETLINT_RUNNER_ENV, type ScannerAdapter } from '../../../packages/scanners/src/index';
import { loadVersions, platformId, resolveTool, type ResolvedTool } from '../../../packages/toolchain/src/index';
import { startAssetServer, type LoopbackServer } from '../../../packages/toolchain/src/test-support/asset-server';
import { versionsServing } from '../../../packages/toolchain/src/test-support/pinned-fixture';
import { engineKind, FAULT_CAUSES, faultMatrixCases, type Fault } from '../catalog/fault-matrix';
import { caseTest } from '../support/case-test';
import { GARBAGE_REPORT, TRUNCATED_REPORT, writeFaultStub } from './fault-stub';
import { runFaultedScan, type FaultedScan } from './run-faulted-scan';

const { cases } = faultMatrixCases();
const versions = loadVersions();
let assets: LoopbackServer;
const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-fault-matrix-'));

beforeAll(async () => {
  assets = await startAssetServer();
});
afterAll(async () => {
  await assets.close();
});

const available = (engine: string, path: string): ResolvedTool => ({ status: 'available', engine, path, version: 'stub', source: 'path' });

/** secretlint runs as `node <runner>`: its stand-in is a Node script that runs the shell stub. */
function asNodeRunner(dir: string, shellStub: string): string {
  const path = join(dir, 'secretlint-runner.cjs');
  writeFileSync(
    path,
    `const r = require('node:child_process').spawnSync('/bin/sh', [${JSON.stringify(shellStub)}, ...process.argv.slice(2)], { stdio: 'inherit' });\n` +
      `if (r.signal) process.kill(process.pid, r.signal);\nprocess.exit(r.status ?? 1);\n`,
  );
  return path;
}

function stubResolver(adapter: ScannerAdapter, fault: Fault): FaultedScan['resolve'] {
  const dir = mkdtempSync(join(scratch, `${adapter.id}-${fault}-`));
  const stub = writeFaultStub(dir, adapter, fault);
  const path = adapter.id === 'secretlint' ? asNodeRunner(dir, stub) : stub;
  return async (engine) => available(engine, path);
}

function checksumResolver(adapter: ScannerAdapter): FaultedScan['resolve'] {
  const pinned = Buffer.from(`#!/bin/sh\necho '${adapter.id} 1.2.3'\n`);
  const asset = { asset: `${adapter.id}-tool`, archive: 'binary' as const, executable: adapter.id, content: pinned };
  assets.routes.set(`/releases/1.2.3/${asset.asset}`, [{ status: 200, body: Buffer.from(`#!/bin/sh\necho 'not the pinned ${adapter.id}'\n`) }]);
  const served = versionsServing(assets.origin, asset, { engine: adapter.id, platform: platformId()! });
  const cacheRoot = mkdtempSync(join(scratch, `${adapter.id}-cache-`));
  return (engine) =>
    resolveTool(engine, { mode: 'actions', versions: served, cacheRoot, allowHttp: true, env: {}, backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
}

/** An in-process engine whose runner misbehaves as the fault says (the real runner where the fault needs it). */
function faultyInProcess(adapter: ScannerAdapter, fault: Fault): ScannerAdapter {
  const real = adapter.runInProcess!.bind(adapter);
  const runners: Partial<Record<Fault, ScannerAdapter['runInProcess']>> = {
    'signal-crash': async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rules') — an unexpected exception");
    },
    'empty-output': async () => '',
    'truncated-json': async (options, signal) => {
      const text = await real(options, signal);
      return text.slice(0, Math.floor(text.length / 2));
    },
    garbage: async () => GARBAGE_REPORT,
    hang: () => new Promise<string>(() => {}),
  };
  const runInProcess = runners[fault];
  return runInProcess ? { ...adapter, runInProcess } : adapter;
}

function scanFor(adapter: ScannerAdapter, fault: Fault): FaultedScan {
  const kind = engineKind(adapter);
  if (kind === 'in-process') {
    const scan: FaultedScan = { engine: adapter.id, resolve: async (engine) => available(engine, 'in-process') };
    if (fault === 'database-download') {
      // What a cut-off download of the OSV export leaves behind.
      const exportDir = mkdtempSync(join(scratch, 'osv-export-'));
      mkdirSync(join(exportDir, 'npm'));
      writeFileSync(join(exportDir, 'npm', 'all.zip'), Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000'));
      return { ...scan, options: { cacheDir: exportDir } };
    }
    return { ...scan, adapter: faultyInProcess(adapter, fault), ...(fault === 'hang' ? { timeoutMs: 1_500 } : {}) };
  }
  switch (fault) {
    case 'binary-missing':
      if (adapter.id === 'secretlint') {
        return {
          engine: adapter.id,
          resolve: (engine) => resolveEngineExecutable(engine, { logger: new MemoryLogger(), env: { [SECRETLINT_RUNNER_ENV]: join(scratch, 'absent', 'secretlint-runner.js') } }),
        };
      }
      return { engine: adapter.id, resolve: async (engine) => available(engine, join(scratch, 'absent', engine)) };
    case 'checksum-mismatch':
      return { engine: adapter.id, resolve: checksumResolver(adapter) };
    case 'hang':
      return { engine: adapter.id, resolve: stubResolver(adapter, fault), timeoutMs: 1_500 };
    case 'over-cap':
      return { engine: adapter.id, resolve: stubResolver(adapter, fault), ...(adapter.reportOn === 'stdout' ? { outputCapBytes: 1024 * 1024 } : {}) };
    default:
      return { engine: adapter.id, resolve: stubResolver(adapter, fault) };
  }
}

function importedReport(fault: Fault): string {
  const path = join(mkdtempSync(join(scratch, 'import-')), 'report.json');
  const content = { 'empty-output': '', 'truncated-json': TRUNCATED_REPORT, garbage: GARBAGE_REPORT }[fault as string] ?? '';
  writeFileSync(path, content);
  if (fault === 'over-cap') truncateSync(path, 600 * 1024 * 1024);
  return path;
}

describe('fault matrix: every engine of the default registry × every fault', () => {
  for (const entry of cases) {
    const [, engineId, fault] = entry.id.split('/') as [string, string, Fault];
    const adapter = ALL_ADAPTERS.find((a) => a.id === engineId)!;

    if (entry.open && fault === 'checksum-mismatch') {
      caseTest(entry, () => {
        // pip verifies downloads only with --require-hashes, which needs the closure's hashes pinned.
        expect(versions.python[engineId]?.requirementHashes.length ?? 0).toBeGreaterThan(0);
      });
      continue;
    }

    if (engineKind(adapter) === 'import-only') {
      caseTest(entry, () => {
        const path = importedReport(fault);
        let thrown: unknown;
        try {
          normalizeReportFile(adapter, path, { file: 'imported-report.json', workspace: scratch, salt: 's' });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(ParseError);
        expect((thrown as Error).message).toContain('imported-report.json');
        expect((thrown as Error).message).toMatch(/truncated|empty|not|over the|unexpected|expected|invalid|position|line/i);
      });
      continue;
    }

    caseTest(
      entry,
      async () => {
        const result = await runFaultedScan(scanFor(adapter, fault));
        const run = result.findingsJson.engines.find((e) => e.id === engineId);
        expect(run, `${engineId} is listed in findings.json`).toBeDefined();
        expect(run!.status).toBe('incomplete');
        expect(run!.reason).toContain(engineId);
        expect(run!.reason).toMatch(FAULT_CAUSES[fault]);
        expect(result.findingsJson.decision.verdict).toBe('incomplete');
        // The healthy engine's findings are still published, in findings.json and in SARIF.
        const companionRun = result.findingsJson.engines.find((e) => e.id === result.companion);
        expect(companionRun?.status).toBe('ran');
        expect(result.findingsJson.findings.some((f) => f.sources.some((s) => s.engine === result.companion))).toBe(true);
        const sarifResults = result.sarif.runs.flatMap((r) => r.results);
        expect(sarifResults.length).toBeGreaterThan(0);
        // The summary escapes Markdown (`osv\-scanner`); the engine is named there too.
        expect(result.summary.replaceAll('\\', '')).toContain(engineId);
      },
      30_000,
    );
  }
});
