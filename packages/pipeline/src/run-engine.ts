import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errorMessage, ParseError, type Logger } from '@gatehouse/findings';
import type { AuditLog } from '@gatehouse/report';
import { decodeReport, type ParseContext, type RunOptions, type ScannerAdapter } from '@gatehouse/scanners';
import { CommandError, DEFAULT_LIMITS, formatCommand, interpretExit, runCommand, type RunLimits } from '@gatehouse/toolchain';
import { incomplete, type EngineOutcome } from './engine-outcome';
import { readReportBytes } from './normalize-report';
import { outcomeFromParse } from './parse-outcome';

export interface EngineRunRequest {
  adapter: ScannerAdapter;
  /** Resolved executable and its version (from the toolchain or PATH). */
  executable: string;
  version?: string;
  options: Omit<RunOptions, 'executable' | 'reportPath'>;
  /** The plan's instance (e.g. the manifest a dependency engine audits), for `parseContextFor`. */
  instance?: string;
  limits?: Partial<RunLimits>;
  parse: Omit<ParseContext, 'file'>;
  logger: Logger;
  /** Records engine.started / engine.finished with version and exit code. */
  audit?: AuditLog;
  /**
   * Where to keep a copy of the engine's native report (for the run's artifact). Ignored for engines
   * whose reports hold plaintext secrets (`holdsPlaintextSecrets`): those exist only while parsed.
   */
  nativeReportPath?: string;
}

/**
 * Runs one external engine and turns whatever happens into an outcome: findings, or `incomplete`
 * with the engine and the cause named (crash, signal, timeout, output cap, unexpected exit code, no
 * report, unreadable report). Never throws for the engine's failures: one engine failing must not
 * lose the others' findings. Reports that hold plaintext secrets live in a private temporary
 * directory only while they are parsed.
 */
export async function runEngine(request: EngineRunRequest): Promise<EngineOutcome> {
  const { adapter, audit } = request;
  audit?.record({ type: 'engine.started', engine: adapter.id, ...(request.version ? { version: request.version.slice(0, 100) } : {}) });
  const state = { exitCode: null as number | null };
  const outcome = await runEngineUnaudited(request, state);
  audit?.record({
    type: 'engine.finished',
    engine: adapter.id,
    ...(outcome.engine.version ? { version: outcome.engine.version.slice(0, 100) } : {}),
    exitCode: state.exitCode,
    status: outcome.engine.status,
    ...(outcome.engine.durationMs !== undefined ? { durationMs: outcome.engine.durationMs } : {}),
    findings: outcome.drafts.length,
    ...(outcome.engine.reason ? { reason: outcome.engine.reason.slice(0, 2_000) } : {}),
  });
  return outcome;
}

async function runEngineUnaudited(request: EngineRunRequest, state: { exitCode: number | null }): Promise<EngineOutcome> {
  const { adapter, logger } = request;
  if (!adapter.runInProcess && (!adapter.command || !adapter.exitCodes)) {
    return incomplete(adapter.id, `${adapter.id} cannot be run (no command, exit-code table or in-process runner)`);
  }
  const privateDir = mkdtempSync(join(tmpdir(), `gatehouse-${adapter.id}-`));
  const workDir = join(privateDir, 'work');
  mkdirSync(workDir, { mode: 0o700 });
  const reportPath = join(privateDir, 'report');
  const started = Date.now();
  const file = `${adapter.id} report`;
  let exitOutcome: 'clean' | 'findings' | undefined;
  try {
    let options: RunOptions = { ...request.options, executable: request.executable, reportPath, workDir };
    if (adapter.prepare) options = await adapter.prepare(options);
    let text: string;
    if (adapter.runInProcess) {
      text = await runInProcessWithTimeout(adapter, options, request.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs);
      state.exitCode = 0;
    } else {
      const cmd = adapter.command!(options);
      logger.info(`${adapter.id}: running ${formatCommand([cmd.executable, ...cmd.args.slice(0, 6)])}${cmd.args.length > 6 ? ' …' : ''}`);
      const result = await runCommand(cmd, request.limits);
      state.exitCode = result.exitCode;
      exitOutcome = interpretExit(result, adapter.exitCodes!);
      const absent = adapter.reportOn === 'file' ? !existsSync(reportPath) : result.stdout.length === 0;
      const stand = absent ? adapter.reportWhenAbsent?.(exitOutcome) : undefined;
      if (stand !== undefined) text = stand;
      else text = decodeReport(adapter.reportOn === 'file' ? readReportBytes(reportPath, file) : result.stdout, file);
    }
    const baseContext = { ...request.parse, file };
    const context = adapter.parseContextFor ? await adapter.parseContextFor(baseContext, request.instance) : baseContext;
    const parsed = adapter.parse(text, context);
    if (exitOutcome === 'findings' && adapter.findingsExitNeedsFindings && parsed.findings.length === 0) {
      parsed.incomplete.push(`${adapter.id} exited with its "findings" code but its report lists none: it failed`);
    }
    if (request.nativeReportPath && !adapter.holdsPlaintextSecrets) keepNativeReport(request.nativeReportPath, text, logger);
    if (!parsed.engineVersion && request.version) parsed.engineVersion = request.version;
    return outcomeFromParse(adapter.id, parsed, [], Date.now() - started);
  } catch (error) {
    const rawCause =
      error instanceof CommandError
        ? error.message
        : error instanceof ParseError
          ? `its report could not be read: ${error.message}`
          : `failed: ${errorMessage(error)}`;
    // A scanner's last stderr line may quote a secret value an engine found earlier in this run.
    const cause = request.audit ? request.audit.redact(rawCause) : rawCause;
    logger.warning(`${adapter.id} is incomplete: ${cause}`);
    return incomplete(adapter.id, `${adapter.id} ${cause.startsWith(adapter.id) ? cause.slice(adapter.id.length).trimStart() : cause}`, request.version);
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}

/** In-process engines get the same timeout as external ones: a hang is `incomplete`, never a stuck run. */
async function runInProcessWithTimeout(adapter: ScannerAdapter, options: RunOptions, timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CommandError('timeout', [adapter.id], null, '', null, `no result after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([adapter.runInProcess!(options, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A copy for the artifact; failing to keep it must not change the engine's outcome. */
function keepNativeReport(path: string, text: string, logger: Logger): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: 0o644 });
  } catch (error) {
    logger.warning(`could not keep the native report at ${path}: ${errorMessage(error)}`);
  }
}
