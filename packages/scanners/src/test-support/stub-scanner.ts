import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, ParseError } from '@gatehouse/findings';
import { interpretExit, runCommand, type RunLimits } from '@gatehouse/toolchain';
import type { ParseResult, RunOptions, ScannerAdapter } from '../adapter';
import { decodeReport } from '../report-text';

/**
 * Stub executables for scanners this machine does not have (ARCHITECTURE.md, "Testing what cannot
 * run here"). The stub is a small Node script that first asserts the exact argv it was given
 * (exit 97 and "stub: unexpected argv" otherwise), then behaves as told: writes a recorded report,
 * crashes, hangs, prints garbage, floods stdout, or exits with a chosen code.
 */
export type StubBehaviour =
  | { kind: 'report'; report: string; exitCode?: number; to?: 'file' | 'stdout' }
  | { kind: 'truncated'; report: string }
  | { kind: 'garbage' }
  | { kind: 'crash' }
  | { kind: 'hang' }
  | { kind: 'flood'; bytes: number }
  | { kind: 'exit'; exitCode: number; stderr: string; report?: string };

export const UNEXPECTED_ARGV_EXIT = 97;

/** The report path is found in argv after this flag (`--output`, `-o`). */
export function writeStubScanner(name: string, expectedArgv: readonly string[], behaviour: StubBehaviour, outputFlag = '--output'): string {
  const dir = mkdtempSync(join(tmpdir(), `gh-stub-${name}-`));
  const script = join(dir, name);
  const spec = JSON.stringify({ expectedArgv, behaviour, outputFlag });
  writeFileSync(
    script,
    `#!/usr/bin/env node
const fs = require('node:fs');
const spec = ${spec};
const argv = process.argv.slice(2);
if (JSON.stringify(argv) !== JSON.stringify(spec.expectedArgv)) {
  process.stderr.write('stub: unexpected argv ' + JSON.stringify(argv) + '\\n');
  process.exit(${UNEXPECTED_ARGV_EXIT});
}
const b = spec.behaviour;
const at = argv.indexOf(spec.outputFlag);
const out = at >= 0 ? argv[at + 1] : undefined;
const write = (text) => (out && b.to !== 'stdout' ? fs.writeFileSync(out, text) : process.stdout.write(text));
switch (b.kind) {
  case 'report': write(b.report); process.exit(b.exitCode ?? 0);
  case 'truncated': write(b.report.slice(0, Math.floor(b.report.length / 2))); process.exit(0);
  case 'garbage': write('\\u0007 Segmentation fault (core dumped)\\n<html>not a report'); process.exit(0);
  case 'crash': process.kill(process.pid, 'SIGSEGV'); break;
  case 'hang': setInterval(() => {}, 1000); break;
  case 'flood': { const chunk = 'x'.repeat(65536); let left = b.bytes; const pump = () => { while (left > 0) { left -= chunk.length; if (!process.stdout.write(chunk)) return process.stdout.once('drain', pump); } process.exit(0); }; pump(); break; }
  case 'exit': if (b.report !== undefined) write(b.report); process.stderr.write(b.stderr + '\\n'); process.exit(b.exitCode);
}
`,
  );
  chmodSync(script, 0o755);
  return script;
}

export type StubOutcome =
  | { status: 'ran'; result: ParseResult }
  | { status: 'incomplete'; reason: string; result?: ParseResult };

/**
 * What the pipeline does with one engine, minus publishing: prepare, build the command, run it
 * with limits, interpret the exit code, read and parse the report. Every failure is `incomplete`
 * with a reason naming the engine; so is a report that says it is incomplete.
 */
export async function runAdapterThroughStub(adapter: ScannerAdapter, opts: RunOptions, limits: Partial<RunLimits> = {}): Promise<StubOutcome> {
  const engine = adapter.displayName;
  try {
    const prepared = adapter.prepare ? await adapter.prepare(opts) : opts;
    const command = adapter.command!(prepared);
    const result = await runCommand(command, { timeoutMs: 10_000, ...limits });
    interpretExit(result, adapter.exitCodes!);
    const bytes = adapter.reportOn === 'stdout' ? result.stdout : readFileSync(prepared.reportPath);
    const parsed = adapter.parse(decodeReport(bytes, prepared.reportPath), { file: prepared.reportPath, workspace: opts.workspace, salt: 'stub-run-salt-0123456789' });
    const gaps = [...parsed.incomplete, ...parsed.skipped.map((s) => `${s.at}: ${s.reason}`)];
    if (gaps.length > 0) return { status: 'incomplete', reason: `${engine}: ${gaps.join('; ')}`, result: parsed };
    return { status: 'ran', result: parsed };
  } catch (error) {
    const cause = error instanceof ParseError ? `unreadable report: ${error.message}` : errorMessage(error);
    return { status: 'incomplete', reason: `${engine}: ${cause}` };
  }
}
