import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ConfigurationError, type Logger } from '@gatehouse/findings';
import { loadPolicyFile, type LoadedPolicy } from '@gatehouse/policy';
import { incomplete, notRun, resolveSalt, type EngineOutcome } from '@gatehouse/pipeline';
import { planLocalScan } from '../local-plan';
import type { EngineInvocation } from '@gatehouse/scanners';
import { runInvocations } from '../local-engines';
import { SBOM_FILE, writeLocalSbom } from '../local-sbom';
import { createRunAudit, finishRun, prepareOutDir } from '../run-context';
import type { AuditLog } from '@gatehouse/report';

export interface ScanArgs {
  path?: string;
  policy?: string;
  out?: string;
  engines?: string[];
  allowDownload?: boolean;
  staged?: boolean;
  osvDatabase?: string;
  /** Engines left out on purpose, with why (the demo runs offline). */
  skip?: { engine: string; reason: string }[];
  /** Also write sbom.cdx.json (cyclonedx-npm on each npm lockfile, offline, schema-validated). */
  sbom?: boolean;
}

export interface ScanRun {
  workspace: string;
  outDir: string;
  policy: LoadedPolicy;
  outcomes: EngineOutcome[];
  audit: AuditLog;
  notes: string[];
  /** The validated sbom.cdx.json, when one was asked for and made. */
  sbomFile?: string;
}

/** Resolves paths and policy, clears stale outputs, runs the engines. Shared by scan and demo. */
export async function runLocalScan(args: ScanArgs, logger: Logger, extraInvocations: EngineInvocation[] = []): Promise<ScanRun> {
  if (args.sbom && args.staged) throw new ConfigurationError('--sbom describes the working tree; it cannot be combined with --staged');
  const workspace = resolve(args.path ?? '.');
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) throw new ConfigurationError(`${args.path ?? '.'} is not a directory`);
  const outDir = resolve(args.out ?? resolve(workspace, '.gatehouse'));
  prepareOutDir(outDir);
  const policy = loadPolicyFile(args.policy ? resolve(args.policy) : resolve(workspace, '.github/gatehouse.yml'));
  const { salt } = resolveSalt(process.env, workspace);
  const audit = createRunAudit(policy);
  const plan = await planLocalScan({ workspace, ...(args.staged ? { staged: true } : {}), ...(args.osvDatabase ? { osvDatabase: resolve(args.osvDatabase) } : {}) });
  const wanted = args.engines?.length ? new Set(args.engines) : undefined;
  const skipped = new Map((args.skip ?? []).map((s) => [s.engine, s.reason]));
  const keep = (engine: string) => (!wanted || wanted.has(engine)) && !skipped.has(engine);
  const invocations = [...plan.invocations, ...extraInvocations].filter((i) => keep(i.engine));
  logger.info(`gatehouse: scanning ${workspace} with ${invocations.map((i) => i.engine).join(', ')}`);
  const outcomes = await runInvocations({
    invocations,
    parse: { workspace, salt, onSecretValue: (value) => audit.registerSecret(value) },
    logger,
    audit,
    allowDownload: args.allowDownload ?? false,
  });
  outcomes.push(...plan.notRun.filter((n) => keep(n.engine)).map((n) => notRun(n.engine, n.reason)));
  outcomes.push(...[...skipped].map(([engine, reason]) => notRun(engine, reason)));
  outcomes.push(...plan.incomplete.filter((n) => keep(n.engine)).map((n) => incomplete(n.engine, n.reason)));
  if (!args.sbom) return { workspace, outDir, policy, outcomes, audit, notes: plan.notes };
  const sbom = await writeLocalSbom({ workspace, outDir, logger });
  outcomes.push(...sbom.outcomes);
  return { workspace, outDir, policy, outcomes, audit, notes: [...plan.notes, ...sbom.notes], ...(sbom.file ? { sbomFile: sbom.file } : {}) };
}

export async function scanCommand(args: ScanArgs, logger: Logger): Promise<0 | 1 | 2> {
  const run = await runLocalScan(args, logger);
  return finishRun({ ...run, target: { name: basename(run.workspace), kind: 'directory' }, logger, notes: run.notes, ...(run.sbomFile ? { extraFiles: [SBOM_FILE] } : {}) }).exitCode;
}
