import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchPlan } from './bench-plan';
import { REPORT_KINDS } from './generate/report-kinds';
import { runBench } from './run-bench';
import { runDemoShare } from './suites/demo-share';

// The bench harness end to end at a tiny size, so it cannot rot unnoticed. Nothing here looks at
// how long anything took: only that every case ran, produced its figures, and the document was written.

const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bench harness', () => {
  it('measures cold start and throughput at a tiny size and writes the performance document', async () => {
    const plan = { ...benchPlan(true, ['cold-start', 'throughput']), coldStartRounds: 1, throughput: REPORT_KINDS.map((k) => ({ kind: k.name, findings: 7, rounds: 1 })) };
    const docPath = join(scratch, 'performance.md');
    const results = await runBench({ plan, command: 'bench test', actionsDir: join(scratch, 'no-actions'), docPath, bundleDir: join(scratch, 'bundles') });

    expect(results.throughput.map((r) => [r.kind, r.findings, r.problems])).toEqual(REPORT_KINDS.map((k) => [k.name, 7, []]));
    for (const row of results.throughput) {
      expect(row.vsFloor.runs).toBe(1);
      expect(row.vsFloor.median).toBeGreaterThan(0);
      expect(row.peakRssMiB.median).toBeGreaterThan(0);
      expect(Object.keys(row.phases)).toEqual(['parse', 'assemble', 'sarif', 'summary', 'findingsJson']);
    }
    expect(results.coldStart.map((r) => [r.kind, r.problems])).toEqual([
      ['baseline', []],
      ['baseline', []],
      ['reference', []],
    ]);
    expect(results.coldStart[1]!.stoppedWith).toMatch(/^::error::/);

    const doc = readFileSync(docPath, 'utf8');
    expect(doc).toContain(`| cores | ${results.machine.cores} |`);
    expect(doc).toContain(`| Node | ${process.version} |`);
    expect(doc).toMatch(/\| trivy-compact \| 7 \|/);
    expect(results.targets.find((t) => t.target.startsWith('cold start'))).toMatchObject({ met: undefined });
  });

  it('splits the demo into engine time and our own from findings.json', async () => {
    // A stand-in for the CLI: writes the findings.json the real demo writes, with engine durations.
    const bin = join(scratch, 'fake-gatehouse.mjs');
    writeFileSync(
      bin,
      `import { writeFileSync } from 'node:fs';
const out = process.argv[process.argv.indexOf('--out') + 1];
writeFileSync(out + '/findings.json', JSON.stringify({ engines: [{ id: 'bandit', status: 'ran', durationMs: 40 }, { id: 'semgrep', status: 'not-run' }] }));`,
    );
    const demo = await runDemoShare({ rounds: 2, cliBin: bin, repoRoot: scratch });
    expect(demo.problems).toEqual([]);
    expect(demo.engineMs).toMatchObject({ median: 40, runs: 2 });
    expect(demo.ownMs.median).toBeCloseTo(demo.wallMs.median - 40, 5);
    expect(demo.engines).toEqual([
      { id: 'bandit', status: 'ran', durationMs: 40 },
      { id: 'semgrep', status: 'not-run' },
    ]);
  });
});
