import { basename, resolve } from 'node:path';
import type { Logger } from '@gatehouse/findings';
import { serializeBaseline } from '@gatehouse/policy';
import { assembleRun, createSourceLineReader, writeFileAtomic } from '@gatehouse/pipeline';
import { VERSION } from '../version';
import { runLocalScan } from './scan';

/**
 * `gatehouse baseline [path]`: records the current open findings as the baseline for new-only mode,
 * for onboarding a repository that already has findings. Refuses to write when an engine was
 * incomplete: a baseline from a partial scan would hide findings later.
 */
export async function baselineCommand(args: { path?: string; out?: string; policy?: string }, logger: Logger): Promise<0 | 2> {
  const run = await runLocalScan({ ...args, out: undefined }, logger);
  const now = new Date();
  const { document } = assembleRun({
    outcomes: run.outcomes,
    policy: run.policy.policy,
    now,
    target: { name: basename(run.workspace), kind: 'directory' },
    toolVersion: VERSION,
    readLine: createSourceLineReader(run.workspace),
  });
  const partial = document.engines.filter((e) => e.status === 'incomplete');
  if (partial.length) {
    logger.error(`baseline: not written — incomplete engines: ${partial.map((e) => `${e.id} (${e.reason ?? '?'})`).join(', ')}`);
    return 2;
  }
  const out = resolve(args.out ?? resolve(run.workspace, '.github/gatehouse-baseline.json'));
  writeFileAtomic(out, serializeBaseline(document.findings, { createdAt: now, target: basename(run.workspace), toolVersion: VERSION }));
  logger.info(`baseline: wrote ${document.findings.length} finding id(s) to ${out}`);
  return 0;
}
