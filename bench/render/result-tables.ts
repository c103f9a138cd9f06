import type { BenchResults } from '../bench-results';
import { amount, count, mib, percent, ratio, table } from './format';

/** The tables of a bench run, as Markdown: printed to the terminal and written into docs/performance.md. */
export function coldStartTable(results: BenchResults): string {
  return table(
    ['case', 'bundle', 'wall', '× bare node', '× @actions/core alone', 'stopped with'],
    results.coldStart.map((r) => [
      r.name,
      mib(r.bundleBytes),
      amount(r.wallMs, 'ms'),
      ratio(r.vsBareNode),
      r.kind === 'baseline' && !r.bundleBytes ? '—' : ratio(r.vsCoreOnly),
      [r.stoppedWith ?? '', ...r.problems].filter(Boolean).join('; ') || '—',
    ]),
  );
}

export function throughputTable(results: BenchResults): string {
  return table(
    ['report', 'findings', 'input', 'pipeline', 'floor', '× floor', '× floor (CPU time)', 'µs / finding', 'process wall', '× jq gate wall'],
    results.throughput.map((r) => [
      r.kind,
      count(r.findings),
      mib(r.inputBytes),
      amount(r.pipelineMs, 'ms'),
      amount(r.floorMs, 'ms'),
      r.problems.length && !Number.isFinite(r.vsFloor.median) ? `FAILED: ${r.problems.join('; ')}` : ratio(r.vsFloor),
      Number.isFinite(r.vsFloorCpu.median) ? ratio(r.vsFloorCpu) : '—',
      amount(r.usPerFinding, 'µs', 1),
      amount(r.pipelineWallMs, 'ms'),
      r.vsJq ? `${ratio(r.vsJq)} (jq ${amount(r.jqWallMs, 'ms')})` : '—',
    ]),
  );
}

export function memoryTable(results: BenchResults): string {
  return table(
    ['report', 'findings', 'peak RSS', '× floor peak RSS', 'RSS per finding (above an empty report)', 'findings.json'],
    results.throughput.map((r) => [
      r.kind,
      count(r.findings),
      amount(r.peakRssMiB, 'MiB'),
      ratio(r.rssVsFloor),
      r.rssBytesPerFinding !== undefined ? `${(r.rssBytesPerFinding / 1024).toFixed(2)} KiB` : '—',
      mib(r.outputBytes),
    ]),
  );
}

export function phaseTable(results: BenchResults): string {
  const names = [...new Set(results.throughput.flatMap((r) => Object.keys(r.phases)))];
  return table(
    ['report', 'findings', ...names.map((n) => `${n} (ms)`)],
    results.throughput.filter((r) => Object.keys(r.phases).length).map((r) => [r.kind, count(r.findings), ...names.map((n) => (r.phases[n] === undefined ? '—' : r.phases[n]!.toFixed(0)))]),
  );
}

export function demoTable(results: BenchResults): string {
  const d = results.demo;
  if (!d) return '_not run_';
  const summary = table(
    ['wall', 'engines (Σ durationMs)', 'ours (wall − engines)', 'our share', 'bare Node start, as a share'],
    [[amount(d.wallMs, 'ms'), amount(d.engineMs, 'ms'), amount(d.ownMs, 'ms'), percent(d.ownShare), percent(d.nodeStartShare)]],
  );
  const engines = table(
    ['engine', 'status', 'durationMs (median)'],
    d.engines.map((e) => [e.id, e.status, e.durationMs === undefined ? '—' : e.durationMs.toFixed(0)]),
  );
  return `${summary}\n\n${engines}${d.problems.length ? `\n\nProblems: ${d.problems.join('; ')}` : ''}`;
}

export function targetsTable(results: BenchResults): string {
  return table(
    ['target', 'result', 'measured (medians)'],
    results.targets.map((t) => [t.target, t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED', t.measured]),
  );
}
