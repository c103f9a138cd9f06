import { resolve } from 'node:path';
import { ConfigurationError, type Logger } from '@gatehouse/findings';
import { loadPolicyFile } from '@gatehouse/policy';
import { normalizeReportFile, resolveSalt } from '@gatehouse/pipeline';
import { createDefaultRegistry } from '@gatehouse/scanners';
import { createRunAudit, finishRun, prepareOutDir } from '../run-context';

export interface NormalizeArgs {
  from: string | undefined;
  reports: string[];
  policy?: string;
  out?: string;
  workspace?: string;
}

/**
 * `gatehouse normalize --from <engine> <report>...`: reports produced elsewhere become findings.json,
 * results.sarif and summary.md in ./.gatehouse/. An unreadable report, an unknown engine or a bad
 * policy exits 2 naming the file; otherwise the exit code is the verdict's.
 */
export function normalizeCommand(args: NormalizeArgs, logger: Logger): 0 | 1 | 2 {
  if (!args.from) throw new ConfigurationError('normalize needs --from <engine>');
  if (!args.reports.length) throw new ConfigurationError('normalize needs at least one report file');
  const adapter = createDefaultRegistry().get(args.from);
  const workspace = resolve(args.workspace ?? '.');
  const outDir = resolve(args.out ?? '.gatehouse');
  prepareOutDir(outDir);
  const policy = loadPolicyFile(args.policy ? resolve(args.policy) : resolve(workspace, '.github/gatehouse.yml'));
  const { salt } = resolveSalt(process.env, workspace);
  const audit = createRunAudit(policy);
  const outcomes = args.reports.map((report) => {
    logger.info(`normalize: reading ${report} as ${adapter.id}`);
    return normalizeReportFile(adapter, resolve(report), { file: report, workspace, salt, onSecretValue: (value) => audit.registerSecret(value) });
  });
  return finishRun({
    workspace,
    outDir,
    target: { name: args.reports.join(', '), kind: 'reports' },
    policy,
    outcomes,
    logger,
    audit,
  }).exitCode;
}
