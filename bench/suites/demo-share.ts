import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAlternatingRounds } from '../harness/alternating-rounds';
import { pairedRatios, spreadOf, type Spread } from '../harness/statistics';

/**
 * `gatehouse demo`: the wall time of the whole command and the part of it spent outside the scanners.
 * Engine time is what findings.json says each engine took (engines[].durationMs: preparing, running
 * and reading one engine); the rest (Node start, loading the CLI, planning, finding executables,
 * merging, the policy, writing every output) is ours. Bare `node -e ''` runs in the same rounds, so
 * Node's own start can be told apart from ours.
 */

export interface DemoRow {
  wallMs: Spread;
  engineMs: Spread;
  ownMs: Spread;
  /** (wall - engines) / wall of each run. */
  ownShare: Spread;
  /** Node's own start (bare node of the same round) as a share of the demo's wall. */
  nodeStartShare: Spread;
  /** Engines that ran, with their median duration. */
  engines: { id: string; status: string; durationMs?: number }[];
  problems: string[];
}

interface DemoEngine {
  id: string;
  status: string;
  durationMs?: number;
}

export async function runDemoShare(options: { rounds: number; cliBin: string; repoRoot: string; onProgress?: (line: string) => void }): Promise<DemoRow> {
  const out = mkdtempSync(join(tmpdir(), 'gatehouse-bench-demo-'));
  const node = process.execPath;
  try {
    options.onProgress?.(`demo: ${options.rounds} run(s) of gatehouse demo`);
    const engineRuns: DemoEngine[][] = [];
    const [bare, demo] = await runAlternatingRounds(
      [
        { name: 'bare', command: { command: node, args: ['-e', ''] } },
        {
          name: 'demo',
          command: { command: node, args: [options.cliBin, 'demo', '--out', out], cwd: options.repoRoot, timeoutMs: 15 * 60_000 },
          check: (run) => (run.exitCode === 0 ? undefined : `demo exited ${run.exitCode}: ${run.stderrTail.trim().split('\n').at(-1) ?? ''}`),
        },
      ],
      options.rounds,
      (name) => {
        if (name !== 'demo') return;
        try {
          engineRuns.push((JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { engines: DemoEngine[] }).engines);
        } catch {
          engineRuns.push([]);
        }
      },
    );
    const walls = demo!.runs.map((r) => r.wallMs);
    const engineMs = engineRuns.map((engines) => engines.reduce((sum, e) => sum + (e.durationMs ?? 0), 0));
    const own = walls.map((w, i) => w - engineMs[i]!);
    const last = engineRuns.at(-1) ?? [];
    return {
      wallMs: spreadOf(walls),
      engineMs: spreadOf(engineMs),
      ownMs: spreadOf(own),
      ownShare: spreadOf(pairedRatios(own, walls)),
      nodeStartShare: spreadOf(pairedRatios(bare!.runs.map((r) => r.wallMs), walls)),
      engines: last.map((e) => ({
        id: e.id,
        status: e.status,
        ...(e.durationMs !== undefined ? { durationMs: spreadOf(engineRuns.map((runs) => runs.find((x) => x.id === e.id)?.durationMs ?? Number.NaN).filter(Number.isFinite)).median } : {}),
      })),
      problems: [...new Set(demo!.failures)],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
