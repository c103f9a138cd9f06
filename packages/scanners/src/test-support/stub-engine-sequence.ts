import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, ParseError } from '@gatehouse/findings';
import { interpretExit, runCommand, type ExitCodeTable, type RunLimits, type ToolCommand } from '@gatehouse/toolchain';
import type { ParseContext, ParseResult, RunOptions } from '../adapter';
import { decodeReport } from '../report-text';

/**
 * Stub executables for engines this machine does not have (trivy, grype, syft), for sequences of
 * calls (a database download retried, then the mirror): a Node script that asserts the exact argv
 * (and selected environment variables) of each call it receives, in order, then behaves as told.
 * Every call is logged, so a test can check the whole sequence (`db update` against the first
 * source, a retry, then the mirror). Named apart from test-support/stub-engine.ts (the deps
 * branch's single-call helper).
 */
export type StubBehaviour =
  | { kind: 'report'; report: string; exitCode?: number; stderr?: string }
  | { kind: 'truncated'; report: string }
  | { kind: 'garbage' }
  | { kind: 'crash' }
  | { kind: 'hang' }
  | { kind: 'flood'; bytes: number }
  | { kind: 'exit'; exitCode: number; stderr: string; stdout?: string };

export interface StubCall {
  argv: readonly string[];
  /** Variables that must have exactly these values (null: must be absent). */
  env?: Readonly<Record<string, string | null>>;
  /** The flag after which the report path follows (`--output`, `--file`); stdout without one. */
  outputFlag?: string;
  behaviour: StubBehaviour;
}

export const UNEXPECTED_ARGV_EXIT = 97;
export const UNEXPECTED_CALL_EXIT = 98;

export interface StubEngine {
  path: string;
  /** The argv of every call made so far. */
  calls(): string[][];
}

export function writeStubEngine(name: string, calls: readonly StubCall[]): StubEngine {
  const dir = mkdtempSync(join(tmpdir(), `gh-stub-${name}-`));
  const script = join(dir, name);
  const log = join(dir, 'calls.jsonl');
  writeFileSync(
    script,
    `#!/usr/bin/env node
const fs = require('node:fs');
const calls = ${JSON.stringify(calls)};
const log = ${JSON.stringify(log)};
const argv = process.argv.slice(2);
const made = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\\n').filter(Boolean).length : 0;
fs.appendFileSync(log, JSON.stringify(argv) + '\\n');
const call = calls[made];
if (!call) { process.stderr.write('stub: unexpected call #' + (made + 1) + ' ' + JSON.stringify(argv) + '\\n'); process.exit(${UNEXPECTED_CALL_EXIT}); }
if (JSON.stringify(argv) !== JSON.stringify(call.argv)) {
  process.stderr.write('stub: unexpected argv ' + JSON.stringify(argv) + ' expected ' + JSON.stringify(call.argv) + '\\n');
  process.exit(${UNEXPECTED_ARGV_EXIT});
}
for (const [k, v] of Object.entries(call.env || {})) {
  const actual = process.env[k];
  if ((v === null && actual !== undefined) || (v !== null && actual !== v)) {
    process.stderr.write('stub: unexpected environment ' + k + '=' + JSON.stringify(actual) + '\\n');
    process.exit(${UNEXPECTED_ARGV_EXIT});
  }
}
const b = call.behaviour;
const at = call.outputFlag ? argv.indexOf(call.outputFlag) : -1;
const out = at >= 0 ? argv[at + 1] : undefined;
const write = (text) => (out ? fs.writeFileSync(out, text) : process.stdout.write(text));
switch (b.kind) {
  case 'report': write(b.report); if (b.stderr) process.stderr.write(b.stderr + '\\n'); process.exit(b.exitCode || 0);
  case 'truncated': write(b.report.slice(0, Math.floor(b.report.length / 2))); process.exit(0);
  case 'garbage': write('\\u0007 Segmentation fault (core dumped)\\n<html>not a report'); process.exit(0);
  case 'crash': process.kill(process.pid, 'SIGSEGV'); break;
  case 'hang': setInterval(() => {}, 1000); break;
  case 'flood': { const chunk = 'x'.repeat(65536); let left = b.bytes; const pump = () => { while (left > 0) { left -= chunk.length; if (!process.stdout.write(chunk)) return process.stdout.once('drain', pump); } process.exit(0); }; pump(); break; }
  case 'exit': if (b.stdout) process.stdout.write(b.stdout); process.stderr.write(b.stderr + '\\n'); process.exit(b.exitCode);
}
`,
  );
  chmodSync(script, 0o755);
  return {
    path: script,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []),
  };
}

/** The parts of an engine the stub run needs: how to prepare, the command, its exit codes, the parser. */
export interface StubbedEngine {
  id: string;
  prepare?(opts: RunOptions): Promise<RunOptions>;
  command(opts: RunOptions): ToolCommand;
  exitCodes: ExitCodeTable;
  reportOn: 'file' | 'stdout';
  parse(content: string, ctx: ParseContext): ParseResult;
}

export type StubOutcome = { status: 'ran'; result: ParseResult } | { status: 'incomplete'; reason: string; result?: ParseResult };

/**
 * What the pipeline does with one engine (packages/pipeline runEngine), minus publishing: prepare,
 * build the command, run it with limits, interpret the exit code, read and parse the report. Every
 * failure is `incomplete` naming the engine and the cause, as is a report that says it is incomplete.
 */
export async function runStubbedEngine(engine: StubbedEngine, opts: RunOptions, limits: Partial<RunLimits> = {}, parse: Partial<ParseContext> = {}): Promise<StubOutcome> {
  try {
    const prepared = engine.prepare ? await engine.prepare(opts) : opts;
    const command = engine.command(prepared);
    const result = await runCommand(command, { timeoutMs: 10_000, ...limits });
    interpretExit(result, engine.exitCodes);
    const bytes = engine.reportOn === 'stdout' ? result.stdout : readFileSync(prepared.reportPath);
    const parsed = engine.parse(decodeReport(bytes, `${engine.id} report`), { file: `${engine.id} report`, workspace: opts.workspace, salt: 'stub-run-salt-0123456789', ...parse });
    const gaps = [...parsed.incomplete, ...parsed.skipped.map((s) => `${s.at}: ${s.reason}`)];
    if (gaps.length > 0) return { status: 'incomplete', reason: `${engine.id}: ${gaps.join('; ')}`, result: parsed };
    return { status: 'ran', result: parsed };
  } catch (error) {
    const cause = error instanceof ParseError ? `unreadable report: ${error.message}` : errorMessage(error);
    return { status: 'incomplete', reason: `${engine.id}: ${cause}` };
  }
}
