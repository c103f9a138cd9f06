// Bundled by the bench into bench/.out/pipeline-worker.js and run once per measured case, so each case
// has its own heap, GC state and peak RSS. Argument: one JSON object (see WorkerRequest).
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadPolicyFile } from '../../packages/policy/src/index';
import { assembleRun, normalizeReportFile } from '../../packages/pipeline/src/index';
import { buildSarif, renderSummary, writeFindingsDocument } from '../../packages/report/src/index';
import { createDefaultRegistry } from '../../packages/scanners/src/index';
import { emitResult } from './worker-protocol';

export interface WorkerRequest {
  mode: 'pipeline' | 'floor';
  engine: string;
  report: string;
  /**
   * pipeline: where to write the findings as JSON lines (after timing) for the floor to stringify;
   * only when that file does not exist yet (the first round writes it, later rounds leave it).
   */
  writeFindingsTo?: string;
  /** floor: the JSON lines a pipeline run wrote. */
  findingsFrom?: string;
}

const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;

function pipeline(): void {
  const adapter = createDefaultRegistry().get(request.engine);
  const policy = loadPolicyFile(undefined).policy;
  const workspace = process.cwd();
  const now = new Date('2025-06-01T12:00:00Z');
  const phases: Record<string, number> = {};
  // CPU time per phase too: on a shared machine it moves less than wall time when others are busy.
  const cpuPhases: Record<string, number> = {};
  let mark = performance.now();
  let cpuMark = cpuMs();
  const lap = (name: string) => {
    const t = performance.now();
    const c = cpuMs();
    phases[name] = t - mark;
    cpuPhases[name] = c - cpuMark;
    mark = t;
    cpuMark = c;
  };
  const started = mark;
  const cpuStarted = cpuMark;
  const outcome = normalizeReportFile(adapter, request.report, { file: 'report.json', workspace, salt: 'bench-salt-0123456789abcdef' });
  lap('parse');
  const { document } = assembleRun({ outcomes: [outcome], policy, now, target: { name: 'bench', kind: 'reports' }, toolVersion: '0.0.0-bench' });
  lap('assemble');
  const { json: sarif, omitted } = buildSarif(document, { toolVersion: document.tool.version });
  lap('sarif');
  const summary = renderSummary(document, { omitted });
  lap('summary');
  // findings.json piece by piece, as the CLI writes it: at 1M findings it is larger than one string.
  let findingsJsonBytes = 0;
  writeFindingsDocument(document, (chunk) => {
    findingsJsonBytes += chunk.length;
  });
  lap('findingsJson');
  const totalMs = performance.now() - started;
  const cpuTotalMs = cpuMs() - cpuStarted;
  // Untimed, and reported so the parent can take it out of the process's wall time.
  const untimedStarted = performance.now();
  if (request.writeFindingsTo && !existsSync(request.writeFindingsTo)) writeFindingsLines(request.writeFindingsTo, document);
  const untimedMs = performance.now() - untimedStarted;
  emitResult({
    untimedMs,
    totalMs,
    cpuMs: cpuTotalMs,
    phases,
    cpuPhases,
    findings: document.findings.length,
    drafts: outcome.drafts.length,
    engineStatus: outcome.engine.status,
    verdict: document.decision.verdict,
    outputBytes: { findingsJson: findingsJsonBytes, sarif: sarif.length, summary: summary.length },
  });
}

/** The output as JSON lines: the envelope first (findings empty), then one finding per line. */
function writeFindingsLines(path: string, document: { findings: unknown[] }): void {
  // Written aside and renamed: a run stopped halfway leaves no half file for the floor to read.
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ ...document, findings: [] })}\n`);
    let batch: string[] = [];
    for (const finding of document.findings) {
      batch.push(JSON.stringify(finding));
      if (batch.length === 1000) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length) writeSync(fd, `${batch.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/**
 * The floor: what any tool reading this report and writing this output must at least do. JSON.parse of
 * the input, and JSON.stringify of the output in findings.json's layout (two-space indent). The output
 * objects are loaded from the pipeline's JSON lines between the two timed parts (untimed).
 */
function floor(): void {
  let started = performance.now();
  let cpuStarted = cpuMs();
  const input = JSON.parse(readFileSync(request.report, 'utf8')) as unknown;
  const parseMs = performance.now() - started;
  const parseCpuMs = cpuMs() - cpuStarted;
  const [envelope, ...findings] = readJsonLines(request.findingsFrom!) as [Record<string, unknown>, ...unknown[]];
  started = performance.now();
  cpuStarted = cpuMs();
  // The same text findings.json is, in the same pieces (the document may be past V8's string limit).
  let bytes = JSON.stringify({ ...envelope, findings: [] }, null, 2).length;
  for (let start = 0; start < findings.length; start += 500) {
    bytes += JSON.stringify({ findings: findings.slice(start, start + 500) }, null, 2).length;
  }
  const stringifyMs = performance.now() - started;
  const stringifyCpuMs = cpuMs() - cpuStarted;
  emitResult({
    totalMs: parseMs + stringifyMs,
    cpuMs: parseCpuMs + stringifyCpuMs,
    phases: { parse: parseMs, stringify: stringifyMs },
    findings: findings.length,
    inputKeys: typeof input === 'object' && input ? Object.keys(input).length : 0,
    outputBytes: bytes,
  });
}

/** Every line of a JSON-lines file, parsed; read in pieces (a million findings are more than one string holds). */
function readJsonLines(path: string): unknown[] {
  const out: unknown[] = [];
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 24);
    let rest = Buffer.alloc(0);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const data = rest.length ? Buffer.concat([rest, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(10, start); end >= 0; end = data.indexOf(10, start)) {
        if (end > start) out.push(JSON.parse(data.toString('utf8', start, end)));
        start = end + 1;
      }
      rest = Buffer.from(data.subarray(start));
    }
    if (rest.length) out.push(JSON.parse(rest.toString('utf8')));
  } finally {
    closeSync(fd);
  }
  return out;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

if (request.mode === 'floor') floor();
else pipeline();
