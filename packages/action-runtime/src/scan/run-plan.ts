import { join } from 'node:path';
import { errorMessage, type Logger } from '@gatehouse/findings';
import { incomplete, notRun, runEngine, type EngineOutcome } from '@gatehouse/pipeline';
import type { AuditLog } from '@gatehouse/report';
import { createDefaultRegistry, type AdapterRegistry, type EngineInvocation, type ParseContext, type ReportFormat, type RunOptions, type ScanPlan } from '@gatehouse/scanners';
import type { ResolvedTool } from '@gatehouse/toolchain';
import { resolveEngineExecutable } from './resolve-engine';

export interface RunPlanOptions {
  plan: ScanPlan;
  parse: Omit<ParseContext, 'file'>;
  logger: Logger & { group?<T>(name: string, fn: () => Promise<T> | T): Promise<T> };
  audit: AuditLog;
  /** Native reports of engines whose reports hold no plaintext secrets are kept here (the artifact's reports/). */
  reportsDir: string;
  /** Per engine (default 30 minutes). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  registry?: AdapterRegistry;
  /** Tests replace the toolchain. */
  resolve?: (engine: string) => Promise<ResolvedTool>;
  /**
   * Called with each engine's resolved executable just before it runs: options to add (image-scan:
   * the vulnerability database it refreshed with this executable), or why the engine cannot run
   * (then it is `incomplete` with that reason and is not run).
   */
  prepareEngine?: PrepareEngine;
}

/** What `prepareEngine` decides for one invocation. */
export type EnginePreparation = { options?: Partial<Pick<RunOptions, 'cacheDir' | 'extraArgs'>> } | { incomplete: string };
export type PrepareEngine = (invocation: EngineInvocation, tool: { path: string; version: string }) => Promise<EnginePreparation>;

const REPORT_EXTENSION: Record<ReportFormat, string> = {
  json: 'json',
  jsonl: 'jsonl',
  sarif: 'sarif',
  cyclonedx: 'cdx.json',
  spdx: 'spdx.json',
};

const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);

/**
 * `<engine>[-<instance>].<ext>` (then `-2`, `-3`… when taken), in characters every file system and
 * the artifact service accept. An engine whose report has a well-known name (`reportName`, e.g.
 * pip-audit's `pip-audit.json`) keeps that name: `<instance>/<reportName>` when it runs once per
 * manifest, so each copy says which manifest it audited.
 */
export function nativeReportName(invocation: EngineInvocation, format: ReportFormat | undefined, taken: ReadonlySet<string> = new Set(), reportName?: string): string {
  const known = reportName && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(reportName) && !reportName.includes('..') ? reportName : undefined;
  if (known) {
    const folder = invocation.instance ? safe(invocation.instance) || 'instance' : '';
    let name = folder ? `${folder}/${known}` : known;
    for (let n = 2; taken.has(name); n += 1) name = folder ? `${folder}-${n}/${known}` : `${n}/${known}`;
    return name;
  }
  const base = [safe(invocation.engine), invocation.instance ? safe(invocation.instance) : ''].filter(Boolean).join('-') || 'engine';
  const extension = REPORT_EXTENSION[format ?? 'json'];
  let name = `${base}.${extension}`;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}.${extension}`;
  return name;
}

/**
 * Runs a plan's engines one after another (scanners are CPU-heavy; runners have two cores), each in
 * a log group. Engines the plan chose not to run are `not-run` with its reason; engines the plan
 * found unable to do their job (`plan.incomplete`) are `incomplete` with its reason. In an action
 * every engine the plan asked for must run: one that cannot be resolved or installed is
 * `incomplete`, naming the engine and the cause, and the others still run. Each invocation's
 * `instance` reaches the adapter's `parseContextFor` (the manifest a dependency engine audited).
 */
export async function runScanPlan(options: RunPlanOptions): Promise<{ outcomes: EngineOutcome[]; reports: string[] }> {
  const registry = options.registry ?? createDefaultRegistry();
  const { logger } = options;
  const resolve = options.resolve ?? ((engine: string) => resolveEngineExecutable(engine, { logger, env: options.env }));
  const outcomes: EngineOutcome[] = [
    ...options.plan.notRun.map((n) => notRun(n.engine, n.reason)),
    ...(options.plan.incomplete ?? []).map((n) => incomplete(n.engine, n.reason)),
  ];
  const reports: string[] = [];
  const usedNames = new Set<string>();

  for (const invocation of options.plan.invocations) {
    const run = async (): Promise<EngineOutcome> => {
      if (!registry.has(invocation.engine)) return incomplete(invocation.engine, `${invocation.engine}: Gatehouse has no adapter for this engine`);
      const adapter = registry.get(invocation.engine);
      const resolved = await resolve(invocation.engine);
      if (resolved.status !== 'available') {
        logger.warning(`${invocation.engine} is incomplete: ${resolved.reason}`);
        return incomplete(invocation.engine, resolved.reason);
      }
      let engineOptions = invocation.options;
      if (options.prepareEngine) {
        // A failure here must not lose the other engines' findings: the engine is incomplete.
        const prepared = await options.prepareEngine(invocation, { path: resolved.path, version: resolved.version }).catch((error: unknown) => ({ incomplete: `${invocation.engine}: could not be prepared: ${errorMessage(error)}` }));
        if ('incomplete' in prepared) {
          logger.warning(`${invocation.engine} is incomplete: ${prepared.incomplete}`);
          return incomplete(invocation.engine, prepared.incomplete, resolved.version);
        }
        engineOptions = { ...engineOptions, ...prepared.options };
      }
      logger.info(`${invocation.engine} ${resolved.version}: ${invocation.label}`);
      const name = nativeReportName(invocation, adapter.formats[0], usedNames, adapter.reportName);
      usedNames.add(name);
      const nativeReportPath = adapter.holdsPlaintextSecrets ? undefined : join(options.reportsDir, name);
      const outcome = await runEngine({
        adapter,
        executable: resolved.path,
        version: resolved.version,
        options: engineOptions,
        ...(invocation.instance ? { instance: invocation.instance } : {}),
        parse: options.parse,
        logger,
        audit: options.audit,
        limits: { timeoutMs: options.timeoutMs ?? 30 * 60_000 },
        ...(nativeReportPath ? { nativeReportPath } : {}),
      });
      if (nativeReportPath) reports.push(nativeReportPath);
      return outcome;
    };
    const label = `${invocation.engine}${invocation.instance ? ` (${invocation.instance})` : ''}: ${invocation.label}`;
    outcomes.push(logger.group ? await logger.group(label, run) : await run());
  }
  return { outcomes, reports };
}
