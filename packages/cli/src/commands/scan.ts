import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ConfigurationError, type Logger } from '@gatehouse/findings';
import { loadPolicyFile, type LoadedPolicy } from '@gatehouse/policy';
import { resolveSalt, type EngineOutcome } from '@gatehouse/pipeline';
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
}

/** The engines `gatehouse scan` runs on a directory, in order. Engines missing here are not-run. */
export function localInvocations(): EngineInvocation[] {
  return [
    { engine: 'secretlint', label: 'secrets in the working tree (bundled secretlint with Gatehouse rules)', options: { workspace: '', targets: ['.'], mode: 'full' } },
    { engine: 'bandit', label: 'Python code (bandit)', options: { workspace: '', targets: ['.'], mode: 'full' } },
  ];
}

export interface ScanRun {
  workspace: string;
  outDir: string;
  policy: LoadedPolicy;
  outcomes: EngineOutcome[];
  audit: AuditLog;
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
  let invocations = [...localInvocations(), ...extraInvocations].map((i) => ({ ...i, options: { ...i.options, workspace } }));
  if (args.engines?.length) {
    const wanted = new Set(args.engines);
    invocations = invocations.filter((i) => wanted.has(i.engine));
  }
  logger.info(`gatehouse: scanning ${workspace} with ${invocations.map((i) => i.engine).join(', ')}`);
  const outcomes = await runInvocations({
    invocations,
    parse: { workspace, salt, onSecretValue: (value) => audit.registerSecret(value) },
    logger,
    audit,
    allowDownload: args.allowDownload ?? false,
  });
  return { workspace, outDir, policy, outcomes, audit };
}

export async function scanCommand(args: ScanArgs, logger: Logger): Promise<0 | 1 | 2> {
  const run = await runLocalScan(args, logger);
  return finishRun({ ...run, target: { name: basename(run.workspace), kind: 'directory' }, logger }).exitCode;
}
