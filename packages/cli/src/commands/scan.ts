import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ConfigurationError, type Logger } from '@gatehouse/findings';
import { loadPolicyFile, type LoadedPolicy } from '@gatehouse/policy';
import { incomplete, notRun, resolveSalt, type EngineOutcome } from '@gatehouse/pipeline';
import { planLocalScan } from '../local-plan';
import type { EngineInvocation } from '@gatehouse/scanners';
import { runInvocations } from '../local-engines';
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
}

export interface ScanRun {
  workspace: string;
  outDir: string;
  policy: LoadedPolicy;
  outcomes: EngineOutcome[];
  audit: AuditLog;
  notes: string[];
}

/** Resolves paths and policy, clears stale outputs, runs the engines. Shared by scan and demo. */
export async function runLocalScan(args: ScanArgs, logger: Logger, extraInvocations: EngineInvocation[] = []): Promise<ScanRun> {
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
  return { workspace, outDir, policy, outcomes, audit, notes: plan.notes };
}

export async function scanCommand(args: ScanArgs, logger: Logger): Promise<0 | 1 | 2> {
  const run = await runLocalScan(args, logger);
  return finishRun({ ...run, target: { name: basename(run.workspace), kind: 'directory' }, logger, notes: run.notes }).exitCode;
}
