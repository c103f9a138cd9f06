import { readFile } from 'node:fs/promises';
import { errorMessage, ParseError } from '@gatehouse/findings';
import { interpretExit, runCommand, type RunLimits } from '@gatehouse/toolchain';
import type { ParseContext, ParseResult, RunOptions, ScannerAdapter } from '../adapter';
import { decodeReport } from '../report-text';

export type EngineRun =
  | { status: 'ran'; outcome: 'clean' | 'findings'; result: ParseResult }
  | { status: 'incomplete'; reason: string };

type WithAbsentReport = ScannerAdapter & { reportWhenAbsent?: (outcome: 'clean' | 'findings') => string | undefined };

/**
 * What the action runtime does with one external engine, in small: prepare, build the argv, run it
 * with limits, interpret the exit code, read the report (file or stdout), parse. Any failure is
 * `incomplete` with a reason naming the engine. Used by the stub-executable tests until the
 * integrator's runEngine is on main.
 */
export async function runExternalEngine(adapter: WithAbsentReport, options: RunOptions, ctx: ParseContext, limits: Partial<RunLimits> = {}): Promise<EngineRun> {
  const fail = (reason: string): EngineRun => ({ status: 'incomplete', reason: `${adapter.id}: ${reason}` });
  try {
    const prepared = adapter.prepare ? await adapter.prepare(options) : options;
    const command = adapter.command!(prepared);
    const result = await runCommand(command, limits);
    const outcome = interpretExit(result, adapter.exitCodes!);
    let text: string | undefined;
    if (adapter.reportOn === 'stdout') text = result.stdout.length ? decodeReport(result.stdout, ctx.file) : undefined;
    else {
      const bytes = await readFile(command.reportPath!).catch(() => undefined);
      text = bytes ? decodeReport(bytes, ctx.file) : undefined;
    }
    if (text === undefined) text = adapter.reportWhenAbsent?.(outcome);
    if (text === undefined) return fail(`exited ${result.exitCode} without writing a report${result.stderr.trim() ? ` (last stderr line: ${result.stderr.trim().split('\n').at(-1)})` : ''}`);
    const parsed = adapter.parse(text, ctx);
    if (outcome === 'findings' && parsed.findings.length === 0 && parsed.skipped.length === 0 && parsed.incomplete.length === 0) {
      return fail(`exited ${result.exitCode} ("vulnerabilities found") but its report lists none`);
    }
    return { status: 'ran', outcome, result: parsed };
  } catch (error) {
    return fail(error instanceof ParseError ? `unreadable report: ${error.message}` : errorMessage(error));
  }
}
