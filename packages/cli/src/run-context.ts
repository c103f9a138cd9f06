import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger, Target } from '@gatehouse/findings';
import type { LoadedPolicy } from '@gatehouse/policy';
import { AuditLog } from '@gatehouse/report';
import { assembleRun, clearRunOutputs, createSourceReader, exitCodeForVerdict, renderOutputs, writeRunOutputs, type EngineOutcome } from '@gatehouse/pipeline';
import { VERSION } from './version';

export interface FinishOptions {
  workspace: string;
  outDir: string;
  target: Target;
  policy: LoadedPolicy;
  outcomes: EngineOutcome[];
  logger: Logger;
  audit: AuditLog;
  now?: Date;
  notes?: string[];
  /** Files the command wrote into outDir besides the standard outputs (sbom.cdx.json), for the log line. */
  extraFiles?: string[];
}

/** The common end of scan, normalize and demo: assemble, write the outputs, say the verdict, exit code. */
export function finishRun(options: FinishOptions): { exitCode: 0 | 1 | 2; outputs: ReturnType<typeof renderOutputs>; document: ReturnType<typeof assembleRun>['document'] } {
  const source = createSourceReader(options.workspace);
  const { document } = assembleRun({
    outcomes: options.outcomes,
    policy: options.policy.policy,
    now: options.now ?? new Date(),
    target: options.target,
    toolVersion: VERSION,
    readLine: source.readLine,
    redact: (text) => options.audit.redact(text),
    context: { mode: 'local', policyFile: describePolicySource(options.policy) },
  });
  const outputs = renderOutputs(document, { source, audit: options.audit, notes: [`Policy: ${describePolicySource(options.policy)}`, ...(options.notes ?? [])] });
  writeRunOutputs(options.outDir, outputs);
  const { verdict, counts } = document.decision;
  const engines = document.engines.map((e) => `${e.id}:${e.status}`).join(' ');
  options.logger.info(
    `gatehouse: ${verdict.toUpperCase()} — ${counts.open} open finding(s), ${counts.blocking} blocking, ${counts.suppressed} suppressed; engines ${engines}`,
  );
  options.logger.info(`gatehouse: wrote ${resolve(options.outDir)}/{${['findings.json', 'results.sarif', 'summary.md', 'report.html', 'compliance.json', 'audit.jsonl', ...(options.extraFiles ?? [])].join(',')}}`);
  return { exitCode: exitCodeForVerdict(verdict), outputs, document };
}

export function describePolicySource(loaded: LoadedPolicy): string {
  return loaded.source.kind === 'file' ? loaded.source.path : `built-in ${loaded.source.preset} policy (${loaded.source.reason})`;
}

/** One audit log per run; every secret value an engine reports is registered so no line can hold it. */
export function createRunAudit(policy: LoadedPolicy): AuditLog {
  const audit = new AuditLog({ clock: () => new Date(), ...(process.env.GITHUB_RUN_ID ? { runId: process.env.GITHUB_RUN_ID } : {}) });
  audit.record({ type: 'policy.loaded', source: policy.source.kind === 'file' ? policy.source.path : 'built-in', sha256: policy.sha256 });
  return audit;
}

export function prepareOutDir(outDir: string): void {
  clearRunOutputs(outDir);
  // Made only by demo and scan --sbom: an SBOM of an earlier run must not sit next to this run's findings.
  rmSync(join(outDir, 'sbom.cdx.json'), { force: true });
}
