import { resolve } from 'node:path';
import type { Logger, Target } from '@gatehouse/findings';
import { loadPolicyFile, type LoadedPolicy } from '@gatehouse/policy';
import { assembleRun, clearRunOutputs, createSourceLineReader, exitCodeForVerdict, renderOutputs, writeRunOutputs, type EngineOutcome } from '@gatehouse/pipeline';
import { VERSION } from './version';

export interface FinishOptions {
  workspace: string;
  outDir: string;
  target: Target;
  policy: LoadedPolicy;
  outcomes: EngineOutcome[];
  logger: Logger;
  now?: Date;
  notes?: string[];
}

/** The common end of scan, normalize and demo: assemble, write the outputs, say the verdict, exit code. */
export function finishRun(options: FinishOptions): { exitCode: 0 | 1 | 2; outputs: ReturnType<typeof renderOutputs>; document: ReturnType<typeof assembleRun>['document'] } {
  const readLine = createSourceLineReader(options.workspace);
  const { document } = assembleRun({
    outcomes: options.outcomes,
    policy: options.policy.policy,
    now: options.now ?? new Date(),
    target: options.target,
    toolVersion: VERSION,
    readLine,
    context: { mode: 'local' },
  });
  const outputs = renderOutputs(document, { readLine, notes: [`policy: ${options.policy.source}`, ...(options.notes ?? [])] });
  writeRunOutputs(options.outDir, outputs);
  const { verdict, counts } = document.decision;
  const engines = document.engines.map((e) => `${e.id}:${e.status}`).join(' ');
  options.logger.info(
    `gatehouse: ${verdict.toUpperCase()} — ${counts.open} open finding(s), ${counts.blocking} blocking, ${counts.suppressed} suppressed; engines ${engines}`,
  );
  options.logger.info(`gatehouse: wrote ${resolve(options.outDir)}/{findings.json,results.sarif,summary.md}`);
  return { exitCode: exitCodeForVerdict(verdict), outputs, document };
}

export function prepareOutDir(outDir: string): void {
  clearRunOutputs(outDir);
}
