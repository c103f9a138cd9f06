// `pnpm bench` / `npm run bench [-- --quick] [-- --only cold-start,throughput,demo] [-- --actions-dir DIR] [-- --bundle-dir DIR] [-- --no-write] [-- --render-from bench/.out/results.json]`
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchPlan, SUITES, type SuiteName } from './bench-plan';
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './bench-results';
import { BENCH_OUT, REPO_ROOT } from './harness/bench-paths';
import { renderPerformanceDoc } from './render/performance-doc';
import { findJq, resultsText, runBench } from './run-bench';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const only = argValue('--only');
const suites = only ? (only.split(',').map((s) => s.trim()) as SuiteName[]) : SUITES;
const unknown = suites.filter((s) => !SUITES.includes(s));
if (unknown.length) {
  console.error(`bench: unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);
  process.exit(2);
}
const write = !process.argv.includes('--no-write') && !only;
const started = Date.now();

// `--render-from FILE`: the page again from a run's saved results (after a change to the page's text only).
const renderFrom = argValue('--render-from');
if (renderFrom) {
  const saved = JSON.parse(readFileSync(renderFrom, 'utf8')) as BenchResults;
  writeFileSync(join(REPO_ROOT, 'docs', 'performance.md'), renderPerformanceDoc(saved));
  console.log(resultsText(saved));
  console.error(`bench: docs/performance.md rendered from ${renderFrom} (measured ${saved.machine.date})`);
  process.exit(0);
}

if (suites.includes('demo')) {
  console.error('bench: building the CLI (node scripts/build.mjs --local)');
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), '--local'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const actionsDir = argValue('--actions-dir');
// Another bench run at the same time must not rebuild the bundles this one is running.
const bundleDir = argValue('--bundle-dir');
const results = await runBench({
  plan: benchPlan(quick, suites),
  command: `pnpm bench${quick ? ' --quick' : ''}`,
  ...(actionsDir ? { actionsDir } : {}),
  ...(bundleDir ? { bundleDir } : {}),
  ...(write ? { docPath: join(REPO_ROOT, 'docs', 'performance.md'), resultsPath: join(BENCH_OUT, `results${quick ? '-quick' : ''}.json`) } : {}),
  cliBin: join(REPO_ROOT, 'packages', 'cli', 'bin', 'gatehouse.js'),
  ...(findJq() ? { jqPath: findJq() } : {}),
  log: (line) => console.error(line),
});
console.log(resultsText(results));
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${write ? '; wrote docs/performance.md' : ' (docs/performance.md not written: --only or --no-write)'}`);
