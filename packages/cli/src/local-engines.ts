import type { Logger } from '@gatehouse/findings';
import type { AuditLog } from '@gatehouse/report';
import { incomplete, notRun, runEngine, type EngineOutcome } from '@gatehouse/pipeline';
import { createDefaultRegistry, secretlintRunnerPath, type EngineInvocation, type ParseContext } from '@gatehouse/scanners';
import { detectMode, findOnPath, readToolVersion, resolveTool, type ResolvedTool } from '@gatehouse/toolchain';

/**
 * Which executable an engine runs with. secretlint ships with Gatehouse (a bundled runner); every
 * other engine comes from the toolchain: on a laptop from PATH (missing → not-run with an install
 * hint), under GitHub Actions the pinned, checksum-verified build.
 */
export async function resolveEngineExecutable(engine: string, allowDownload: boolean): Promise<ResolvedTool> {
  if (engine === 'secretlint') {
    try {
      return { status: 'available', engine, path: secretlintRunnerPath(), version: 'bundled', source: 'path' };
    } catch (error) {
      return { status: 'incomplete', engine, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  if (engine === 'npm-audit') {
    // npm audit is npm's own command: the npm that comes with Node, found on PATH.
    const npm = await findOnPath('npm', process.env.PATH);
    if (!npm) return { status: 'not-run', engine, reason: 'npm is not on PATH (npm audit is part of npm)' };
    const version = await readToolVersion(npm, ['--version']).catch(() => 'unknown');
    return { status: 'available', engine, path: npm, version, source: 'path' };
  }
  const registry = createDefaultRegistry();
  if (registry.has(engine) && registry.get(engine).runInProcess) {
    return { status: 'available', engine, path: 'in-process', version: 'built-in', source: 'path' };
  }
  return resolveTool(engine, { mode: detectMode(), allowDownload });
}

export interface RunPlanOptions {
  invocations: readonly EngineInvocation[];
  parse: Omit<ParseContext, 'file'>;
  logger: Logger;
  allowDownload: boolean;
  timeoutMs?: number;
  audit?: AuditLog;
}

/**
 * Runs a plan's invocations one after another (scanners are CPU-heavy; the machines have few cores).
 * An engine that cannot be resolved is not-run (or incomplete when required, or under Actions).
 */
export async function runInvocations(options: RunPlanOptions): Promise<EngineOutcome[]> {
  const registry = createDefaultRegistry();
  const outcomes: EngineOutcome[] = [];
  for (const invocation of options.invocations) {
    const adapter = registry.get(invocation.engine);
    const resolved = await resolveEngineExecutable(invocation.engine, options.allowDownload);
    if (resolved.status !== 'available') {
      const required = invocation.required || resolved.status === 'incomplete';
      options.logger.info(`${invocation.engine}: ${required ? 'incomplete' : 'not run'} — ${resolved.reason}`);
      outcomes.push(required ? incomplete(invocation.engine, resolved.reason) : notRun(invocation.engine, resolved.reason));
      continue;
    }
    options.logger.info(`${invocation.engine}: ${invocation.label}`);
    outcomes.push(
      await runEngine({
        adapter,
        executable: resolved.path,
        version: resolved.version,
        options: invocation.options,
        ...(invocation.instance ? { instance: invocation.instance } : {}),
        parse: options.parse,
        logger: options.logger,
        ...(options.audit ? { audit: options.audit } : {}),
        limits: { timeoutMs: options.timeoutMs ?? 15 * 60_000 },
      }),
    );
  }
  return outcomes;
}
