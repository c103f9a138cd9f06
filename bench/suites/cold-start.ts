import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAlternatingRounds, type MeasuredCase } from '../harness/alternating-rounds';
import type { ChildRun } from '../harness/child-run';
import { pairedRatios, spreadOf, type Spread } from '../harness/statistics';

/**
 * Cold start: how long a bundled action takes to start and stop when it has nothing to do. Each
 * action's committed dist/index.js is run unchanged, in an empty directory, with an environment that
 * holds only PATH and HOME: no INPUT_* and no GITHUB_* variables. Every Gatehouse action reads its
 * inputs first (inside runAction), so it loads its whole module graph, finds a required input missing,
 * prints `::error::` and exits 1 before any scanner, file or network is touched. That is the fixed
 * cost a workflow step pays before the work; the bench checks the `::error::` line is there (a run
 * that exits 0 did work and is reported as such).
 */

export interface ColdStartRow {
  name: string;
  kind: 'baseline' | 'reference' | 'action';
  bundleBytes?: number;
  wallMs: Spread;
  /** Paired with `node -e ''` of the same round. */
  vsBareNode: Spread;
  /** Paired with the @actions/core bundle of the same round. */
  vsCoreOnly: Spread;
  /** What the run printed as its error (proves it stopped at input validation). */
  stoppedWith?: string;
  problems: string[];
}

export interface ColdStartOptions {
  rounds: number;
  actionsDir: string;
  coreOnlyBundle: string;
  actionKitBundle: string;
  onProgress?: (line: string) => void;
}

/** Every bundled action present now: actions/<name>/dist/index.js. */
export function discoverActionBundles(actionsDir: string): { name: string; path: string }[] {
  if (!existsSync(actionsDir)) return [];
  return readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'dist', 'index.js')))
    .map((d) => ({ name: d.name, path: join(actionsDir, d.name, 'dist', 'index.js') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function firstErrorLine(run: ChildRun): string | undefined {
  return `${run.stdoutTail}\n${run.stderrTail}`.split('\n').find((l) => l.startsWith('::error'))?.slice(0, 200);
}

const stopsAtValidation = (run: ChildRun) =>
  run.exitCode === 1 && firstErrorLine(run) ? undefined : `expected exit 1 with an ::error:: line (stopped at input validation); got exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}`;

export async function runColdStart(options: ColdStartOptions): Promise<ColdStartRow[]> {
  const cwd = mkdtempSync(join(tmpdir(), 'gatehouse-bench-cold-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd };
  const node = process.execPath;
  const actions = discoverActionBundles(options.actionsDir);
  const entries: { name: string; kind: ColdStartRow['kind']; bundle?: string; case: MeasuredCase }[] = [
    { name: "bare node (node -e '')", kind: 'baseline', case: { name: 'bare', command: { command: node, args: ['-e', ''], cwd, env }, check: (r) => (r.exitCode === 0 ? undefined : `exit ${r.exitCode}`) } },
    { name: '@actions/core alone (bundled)', kind: 'baseline', bundle: options.coreOnlyBundle, case: { name: 'core', command: { command: node, args: [options.coreOnlyBundle], cwd, env }, check: stopsAtValidation } },
    { name: 'minimal action-kit action (bundled)', kind: 'reference', bundle: options.actionKitBundle, case: { name: 'kit', command: { command: node, args: [options.actionKitBundle], cwd, env }, check: stopsAtValidation } },
    ...actions.map((a) => ({ name: `actions/${a.name}`, kind: 'action' as const, bundle: a.path, case: { name: a.name, command: { command: node, args: [a.path], cwd, env, timeoutMs: 60_000 }, check: stopsAtValidation } })),
  ];
  try {
    options.onProgress?.(`cold start: ${entries.length} cases x ${options.rounds} rounds (${actions.length} action bundle(s) found)`);
    const results = await runAlternatingRounds(entries.map((e) => e.case), options.rounds);
    const walls = (i: number) => results[i]!.runs.map((r) => r.wallMs);
    return entries.map((entry, i) => ({
      name: entry.name,
      kind: entry.kind,
      ...(entry.bundle ? { bundleBytes: statSync(entry.bundle).size } : {}),
      wallMs: spreadOf(walls(i)),
      vsBareNode: spreadOf(pairedRatios(walls(i), walls(0))),
      vsCoreOnly: spreadOf(pairedRatios(walls(i), walls(1))),
      ...(i > 0 && results[i]!.runs[0] ? { stoppedWith: firstErrorLine(results[i]!.runs[0]!) } : {}),
      problems: [...new Set(results[i]!.failures)],
    }));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
