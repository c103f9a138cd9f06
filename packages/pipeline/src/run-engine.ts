import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, ParseError, type Logger } from '@gatehouse/findings';
import { decodeReport, type ParseContext, type RunOptions, type ScannerAdapter } from '@gatehouse/scanners';
import { CommandError, interpretExit, runCommand, type RunLimits } from '@gatehouse/toolchain';
import { incomplete, type EngineOutcome } from './engine-outcome';
import { readReportBytes } from './normalize-report';
import { outcomeFromParse } from './parse-outcome';

export interface EngineRunRequest {
  adapter: ScannerAdapter;
  /** Resolved executable and its version (from the toolchain or PATH). */
  executable: string;
  version?: string;
  options: Omit<RunOptions, 'executable' | 'reportPath'>;
  limits?: Partial<RunLimits>;
  parse: Omit<ParseContext, 'file'>;
  logger: Logger;
}

/**
 * Runs one external engine and turns whatever happens into an outcome: findings, or `incomplete`
 * with the engine and the cause named (crash, signal, timeout, output cap, unexpected exit code, no
 * report, unreadable report). Never throws for the engine's failures: one engine failing must not
 * lose the others' findings. Reports that hold plaintext secrets live in a private temporary
 * directory only while they are parsed.
 */
export async function runEngine(request: EngineRunRequest): Promise<EngineOutcome> {
  const { adapter, logger } = request;
  if (!adapter.command || !adapter.exitCodes) {
    return incomplete(adapter.id, `${adapter.id} cannot be run as a command (no command or exit-code table)`);
  }
  const privateDir = mkdtempSync(join(tmpdir(), `gatehouse-${adapter.id}-`));
  const reportPath = join(privateDir, 'report');
  const started = Date.now();
  try {
    const cmd = adapter.command({ ...request.options, executable: request.executable, reportPath });
    logger.info(`${adapter.id}: running ${cmd.executable} (${cmd.args.length} arguments)`);
    const result = await runCommand(cmd, request.limits);
    interpretExit(result, adapter.exitCodes);
    const file = `${adapter.id} report`;
    const bytes = adapter.reportOn === 'file' ? readReportBytes(reportPath, file) : result.stdout;
    const text = decodeReport(bytes, file);
    const parsed = adapter.parse(text, { ...request.parse, file });
    if (!parsed.engineVersion && request.version) parsed.engineVersion = request.version;
    return outcomeFromParse(adapter.id, parsed, [], Date.now() - started);
  } catch (error) {
    const cause =
      error instanceof CommandError
        ? error.message
        : error instanceof ParseError
          ? `its report could not be read: ${error.message}`
          : `failed: ${errorMessage(error)}`;
    logger.warning(`${adapter.id} is incomplete: ${cause}`);
    return incomplete(adapter.id, `${adapter.id} ${cause.startsWith(adapter.id) ? cause.slice(adapter.id.length).trimStart() : cause}`, request.version);
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}
