import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport, reportKind, type ReportKind } from '../generate/report-kinds';
import { runAlternatingRounds, type MeasuredCase } from '../harness/alternating-rounds';
import type { ChildRun } from '../harness/child-run';
import { pairedRatios, spreadOf, type Spread } from '../harness/statistics';

/** The gate pipelines use today, counting critical trivy vulnerabilities with jq. */
export const JQ_GATE_FILTER = '[.Results[].Vulnerabilities[]? | select(.Severity=="CRITICAL")] | length';

export interface ThroughputCase {
  kind: string;
  findings: number;
  rounds: number;
}

export interface ThroughputRow {
  kind: string;
  engine: string;
  findings: number;
  inputBytes: number;
  /** findings.json as our pipeline wrote it (bytes). */
  outputBytes?: number;
  /** In-process time of normalise + merge + evaluate + SARIF + summary + findings.json. */
  pipelineMs: Spread;
  /** In-process time of JSON.parse(input) + JSON.stringify(output). */
  floorMs: Spread;
  vsFloor: Spread;
  /** The same ratio in CPU time (user + system) of the two processes: steadier when other work shares the machine. */
  vsFloorCpu: Spread;
  /** Wall time of the whole pipeline process (start, load, work, exit) and of the jq gate on the same file. */
  pipelineWallMs: Spread;
  jqWallMs?: Spread;
  vsJq?: Spread;
  usPerFinding: Spread;
  peakRssMiB: Spread;
  rssVsFloor: Spread;
  /** Peak RSS above the same pipeline on an empty report of the same format, per finding. */
  rssBytesPerFinding?: number;
  /** Median ms per pipeline phase. */
  phases: Record<string, number>;
  problems: string[];
}

export interface ThroughputOptions {
  cases: readonly ThroughputCase[];
  workerBundle: string;
  workDir: string;
  jqPath?: string;
  /** Runs of the pipeline on an empty report (the RSS base for cost per finding); default 3. */
  emptyReportRounds?: number;
  onProgress?: (line: string) => void;
}

const num = (run: ChildRun, key: string) => Number(run.result?.[key]);
const workerResult = (run: ChildRun) =>
  run.exitCode === 0 && run.result ? undefined : `exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}: ${lastLine(run.stderrTail)}`;
const lastLine = (text: string) => text.trim().split('\n').filter((l) => l.trim() && !l.startsWith('    at ')).at(-1)?.slice(0, 300) ?? 'no output';

function workerCase(name: string, bundle: string, request: Record<string, unknown>, alsoCheck?: (run: ChildRun) => string | undefined): MeasuredCase {
  return {
    name,
    // Node's default flags (no bigger heap): what the CLI and the actions run with.
    command: { command: process.execPath, args: [bundle, JSON.stringify(request)], timeoutMs: 30 * 60_000 },
    check: (run) => workerResult(run) ?? alsoCheck?.(run),
  };
}

function medianPhases(runs: readonly ChildRun[]): Record<string, number> {
  const names = new Set(runs.flatMap((r) => Object.keys((r.result?.phases as Record<string, number>) ?? {})));
  return Object.fromEntries([...names].map((n) => [n, spreadOf(runs.map((r) => (r.result?.phases as Record<string, number>)?.[n] ?? Number.NaN).filter(Number.isFinite)).median]));
}

async function emptyReportRss(kind: ReportKind, options: ThroughputOptions, rounds: number): Promise<number | undefined> {
  const report = join(options.workDir, `${kind.name}-0.json`);
  generateReport(kind, 0, report);
  const [series] = await runAlternatingRounds([workerCase('empty', options.workerBundle, { mode: 'pipeline', engine: kind.engine, report })], rounds);
  rmSync(report, { force: true });
  const rss = series!.runs.filter((r) => r.result).map((r) => num(r, 'maxRssKb') * 1024);
  return rss.length ? spreadOf(rss).median : undefined;
}

export async function runThroughput(options: ThroughputOptions): Promise<ThroughputRow[]> {
  mkdirSync(options.workDir, { recursive: true });
  const rows: ThroughputRow[] = [];
  const emptyRss = new Map<string, number | undefined>();
  for (const testCase of options.cases) {
    const kind = reportKind(testCase.kind);
    if (!emptyRss.has(kind.name)) emptyRss.set(kind.name, await emptyReportRss(kind, options, options.emptyReportRounds ?? Math.min(3, testCase.rounds)));
    const report = join(options.workDir, `${kind.name}-${testCase.findings}.json`);
    const findingsLines = `${report}.findings.jsonl`;
    const inputBytes = generateReport(kind, testCase.findings, report);
    options.onProgress?.(`throughput: ${kind.name} ${testCase.findings} findings (${(inputBytes / 2 ** 20).toFixed(1)} MiB), ${testCase.rounds} rounds`);
    try {
      // Round one's pipeline run goes first and, after its clock stops, writes the output the floor
      // stringifies; later rounds alternate the order. A failed run ends the case (no wasted minutes).
      const cases: MeasuredCase[] = [
        workerCase('pipeline', options.workerBundle, { mode: 'pipeline', engine: kind.engine, report, writeFindingsTo: findingsLines }, (run) => generatedReportProblem(run, testCase.findings)),
        workerCase('floor', options.workerBundle, { mode: 'floor', engine: kind.engine, report, findingsFrom: findingsLines }),
      ];
      const jq = kind.jqGate && options.jqPath ? options.jqPath : undefined;
      if (jq) cases.push({ name: 'jq', command: { command: jq, args: [JQ_GATE_FILTER, report], timeoutMs: 30 * 60_000 }, check: (r) => (r.exitCode === 0 ? undefined : `jq exit ${r.exitCode}: ${lastLine(r.stderrTail)}`) });
      const [pipeline, floor, jqRuns] = await runAlternatingRounds(cases, testCase.rounds, undefined, { stopOnFailure: true });
      const problems = [...new Set([...pipeline!.failures, ...floor!.failures, ...(jqRuns?.failures ?? [])])];
      if (problems.length) {
        rows.push(failedRow(kind, testCase.findings, inputBytes, problems.map((p) => `${p}`).join('; ')));
        continue;
      }
      const ok = (runs: ChildRun[]) => runs.filter((r) => r.exitCode === 0 && r.result);
      const pipelineMs = pipeline!.runs.map((r) => num(r, 'totalMs'));
      const floorMs = floor!.runs.map((r) => num(r, 'totalMs'));
      const findingsOut = num(pipeline!.runs[0]!, 'findings');
      // The process's wall time without the untimed writing of the first round.
      const pipelineWall = pipeline!.runs.map((r) => r.wallMs - (num(r, 'untimedMs') || 0));
      const rss = pipeline!.runs.map((r) => num(r, 'maxRssKb') * 1024);
      const empty = emptyRss.get(kind.name);
      rows.push({
        kind: kind.name,
        engine: kind.engine,
        findings: findingsOut,
        inputBytes,
        outputBytes: Number((pipeline!.runs[0]!.result?.outputBytes as Record<string, number>)?.findingsJson),
        pipelineMs: spreadOf(pipelineMs),
        floorMs: spreadOf(floorMs),
        vsFloor: spreadOf(pairedRatios(pipelineMs, floorMs)),
        vsFloorCpu: spreadOf(pairedRatios(pipeline!.runs.map((r) => num(r, 'cpuMs')), floor!.runs.map((r) => num(r, 'cpuMs')))),
        pipelineWallMs: spreadOf(pipelineWall),
        ...(jqRuns ? { jqWallMs: spreadOf(jqRuns.runs.map((r) => r.wallMs)), vsJq: spreadOf(pairedRatios(pipelineWall, jqRuns.runs.map((r) => r.wallMs))) } : {}),
        usPerFinding: spreadOf(pipelineMs.map((ms) => (ms * 1000) / Math.max(1, findingsOut))),
        peakRssMiB: spreadOf(rss.map((b) => b / 2 ** 20)),
        rssVsFloor: spreadOf(pairedRatios(rss, floor!.runs.map((r) => num(r, 'maxRssKb') * 1024))),
        ...(empty !== undefined && findingsOut > 0 ? { rssBytesPerFinding: (spreadOf(rss).median - empty) / findingsOut } : {}),
        phases: medianPhases(ok(pipeline!.runs)),
        problems,
      });
    } finally {
      rmSync(report, { force: true });
      if (existsSync(findingsLines)) rmSync(findingsLines, { force: true });
    }
  }
  return rows;
}

/** A generated report must read cleanly into exactly the findings it was made with (none merged away, none skipped). */
function generatedReportProblem(run: ChildRun, requested: number): string | undefined {
  const status = run.result?.engineStatus;
  const findings = num(run, 'findings');
  if (status !== 'ran') return `the generated report read as ${String(status)}, not ran`;
  if (findings !== requested) return `the generated report gave ${findings} findings, not ${requested}`;
  return undefined;
}

function failedRow(kind: ReportKind, findings: number, inputBytes: number, problem: string): ThroughputRow {
  const none = spreadOf([]);
  return { kind: kind.name, engine: kind.engine, findings, inputBytes, pipelineMs: none, floorMs: none, vsFloor: none, vsFloorCpu: none, pipelineWallMs: none, usPerFinding: none, peakRssMiB: none, rssVsFloor: none, phases: {}, problems: [problem] };
}
