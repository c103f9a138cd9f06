import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchResults } from './bench-results';
import type { BenchPlan } from './bench-plan';
import { BENCH_OUT, REPO_ROOT } from './harness/bench-paths';
import { buildBenchBundles } from './harness/build-workers';
import { finishMachineInfo, machineInfo } from './harness/machine-info';
import { checkTargets } from './harness/targets';
import { renderPerformanceDoc } from './render/performance-doc';
import { coldStartTable, demoTable, memoryTable, phaseTable, targetsTable, throughputTable } from './render/result-tables';
import { runColdStart } from './suites/cold-start';
import { runDemoShare } from './suites/demo-share';
import { runThroughput } from './suites/throughput';

export interface RunBenchOptions {
  plan: BenchPlan;
  command: string;
  /** Where action bundles are looked for (default: the repository's actions/). */
  actionsDir?: string;
  /** Where the Markdown goes; undefined: not written. */
  docPath?: string;
  /** Where the results go as JSON (to render the page again with `--render-from`); undefined: not written. */
  resultsPath?: string;
  /** The gatehouse bin for the demo (built by the caller). */
  cliBin?: string;
  jqPath?: string;
  /** Where the worker bundles are built (default bench/.out/bundles). */
  bundleDir?: string;
  log?: (line: string) => void;
}

/** Runs the plan's suites and returns (and optionally writes) the results. */
export async function runBench(options: RunBenchOptions): Promise<BenchResults> {
  const { plan } = options;
  const log = options.log ?? (() => {});
  const started = machineInfo();
  const notes: string[] = [];
  log('bench: building workers');
  const bundles = await buildBenchBundles(options.bundleDir ?? join(BENCH_OUT, 'bundles'));

  const coldStart = plan.suites.includes('cold-start')
    ? await runColdStart({
        rounds: plan.coldStartRounds,
        actionsDir: options.actionsDir ?? join(REPO_ROOT, 'actions'),
        coreOnlyBundle: bundles.coreOnly,
        actionKitBundle: bundles.actionKitMinimal,
        onProgress: log,
      })
    : [];

  let throughput: BenchResults['throughput'] = [];
  if (plan.suites.includes('throughput')) {
    if (!options.jqPath) notes.push('jq was not found: the jq gate was not measured');
    mkdirSync(BENCH_OUT, { recursive: true });
    const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-reports-'));
    try {
      throughput = await runThroughput({ cases: plan.throughput, emptyReportRounds: plan.emptyReportRounds, workerBundle: bundles.pipelineWorker, workDir, ...(options.jqPath ? { jqPath: options.jqPath } : {}), onProgress: log });
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  const demo = plan.suites.includes('demo') && options.cliBin ? await runDemoShare({ rounds: plan.demoRounds, cliBin: options.cliBin, repoRoot: REPO_ROOT, onProgress: log }) : undefined;
  if (plan.suites.includes('demo') && !options.cliBin) notes.push('the demo was not measured (no CLI bin given)');

  const results: BenchResults = {
    command: options.command,
    ...(measuredCommit() ? { commit: measuredCommit() } : {}),
    quick: plan.quick,
    rounds: { coldStart: plan.coldStartRounds, throughput: Math.max(0, ...plan.throughput.map((c) => c.rounds)), demo: plan.demoRounds },
    machine: finishMachineInfo(started),
    coldStart,
    throughput,
    ...(demo ? { demo } : {}),
    targets: checkTargets(coldStart, throughput, demo),
    notes,
  };
  if (options.docPath) {
    mkdirSync(dirname(options.docPath), { recursive: true });
    writeFileSync(options.docPath, renderPerformanceDoc(results));
  }
  if (options.resultsPath) {
    // Every figure as measured, so the page can be rendered again without measuring again.
    mkdirSync(dirname(options.resultsPath), { recursive: true });
    writeFileSync(options.resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  }
  return results;
}

/** The terminal's view of a run: the same tables as the document. */
export function resultsText(results: BenchResults): string {
  return [
    `Targets\n${targetsTable(results)}`,
    results.coldStart.length ? `Cold start\n${coldStartTable(results)}` : '',
    results.throughput.length ? `Throughput\n${throughputTable(results)}\n\nPhases\n${phaseTable(results)}\n\nMemory\n${memoryTable(results)}` : '',
    results.demo ? `Demo\n${demoTable(results)}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The commit the bench measured, marked when the worktree had changes on top of it. */
function measuredCommit(): string | undefined {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' + uncommitted changes' : ''}`;
}

/** jq on PATH (the gate pipelines use), or undefined. */
export function findJq(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = join(dir, 'jq');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
