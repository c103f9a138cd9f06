import { existsSync, readFileSync } from 'node:fs';
import { errorMessage, finalizeFindings, type Finding } from '@gatehouse/findings';
import { interpretExit, runCommand, type ExitOutcome } from '@gatehouse/toolchain';
import type { ParseContext, ParseResult, RunOptions, ScannerAdapter } from '../../adapter';
import { decodeReport } from '../../report-text';

export type EngineRun =
  | { status: 'ran'; outcome: ExitOutcome; result: ParseResult; findings: Finding[] }
  | { status: 'incomplete'; reason: string };

/**
 * What packages/pipeline's runEngine does with an external engine, for tests until it is on main:
 * prepare, command, run with limits, exit-code table, read the report, parse. Any failure, and any
 * skipped entry or in-report incompleteness, is `incomplete` with a reason naming the engine.
 */
export async function runEngineForTest(
  adapter: ScannerAdapter,
  opts: RunOptions,
  ctx: Omit<ParseContext, 'file'>,
  limits: { timeoutMs?: number; outputCapBytes?: number } = {},
): Promise<EngineRun> {
  try {
    const prepared = adapter.prepare ? await adapter.prepare(opts) : opts;
    const command = adapter.command!(prepared);
    const result = await runCommand(command, {
      timeoutMs: limits.timeoutMs ?? 30_000,
      outputCapBytes: limits.outputCapBytes ?? 16 * 1024 * 1024,
      killGraceMs: 200,
      ...(adapter.reportOn === 'stdout' ? { stdoutPath: opts.reportPath } : {}),
    });
    const outcome = interpretExit(result, adapter.exitCodes!);
    if (!existsSync(opts.reportPath)) return { status: 'incomplete', reason: `${adapter.id}: exited ${result.exitCode} without writing its report` };
    const parsed = adapter.parse(decodeReport(readFileSync(opts.reportPath), `${adapter.id}-report`), { ...ctx, file: `${adapter.id}-report` });
    if (parsed.skipped.length > 0) return { status: 'incomplete', reason: `${adapter.id}: ${parsed.skipped.length} entries of the report could not be read` };
    if (parsed.incomplete.length > 0) return { status: 'incomplete', reason: `${adapter.id}: ${parsed.incomplete.join('; ')}` };
    const { findings, rejected } = finalizeFindings(parsed.findings);
    if (rejected.length > 0) return { status: 'incomplete', reason: `${adapter.id}: ${rejected.length} findings were invalid` };
    return { status: 'ran', outcome, result: parsed, findings };
  } catch (error) {
    return { status: 'incomplete', reason: `${adapter.id}: ${errorMessage(error)}` };
  }
}
