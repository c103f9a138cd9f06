import {
  finalizeFindings,
  FINDINGS_SCHEMA_VERSION,
  mergeFindings,
  type EngineRun,
  type Finding,
  type FindingsDocument,
  type SourceLineReader,
  type Target,
} from '@gatehouse/findings';
import { evaluate, type Evaluation, type EvaluationContext, type Policy } from '@gatehouse/policy';
import { combineOutcomes, redactOutcomes, type EngineOutcome } from './engine-outcome';

export interface AssembleInput {
  outcomes: readonly EngineOutcome[];
  policy: Policy;
  now: Date;
  target: Target;
  toolVersion: string;
  readLine?: SourceLineReader;
  /**
   * Removes secret values found during the run from engine reasons and notes: an engine's last
   * stderr line may quote a value another engine found (wire it to the run's AuditLog.redact).
   */
  redact?: (text: string) => string;
  /** Ledger dates, baseline, VEX, mode: whatever the caller has. */
  context?: Omit<EvaluationContext, 'engines'>;
}

export interface AssembledRun {
  document: FindingsDocument;
  evaluation: Evaluation;
}

/**
 * The middle of the one flow: drafts from every engine get their identity, findings of one identity
 * are merged, the policy decides. A draft an adapter produced that does not validate marks its engine
 * incomplete: an adapter bug must not turn into a silently smaller report.
 */
export function assembleRun(input: AssembleInput): AssembledRun {
  const { engines, findings } = identifyAndMerge(input);
  return decideRun(input, engines, findings);
}

/** The first half of `assembleRun`: identity and merge, with each engine's status (a rejected draft makes it incomplete). */
export function identifyAndMerge(input: AssembleInput): { engines: EngineRun[]; findings: Finding[] } {
  const combined = combineOutcomes(input.outcomes);
  const outcomes = input.redact ? redactOutcomes(combined, input.redact) : combined;
  const engines: EngineRun[] = outcomes.map((o) => ({ ...o.engine }));
  const drafts = outcomes.flatMap((o) => o.drafts);
  const { findings, rejected } = finalizeFindings(drafts, input.readLine ? { readLine: input.readLine } : {});
  for (const engine of engines) {
    const own = rejected.filter((r) => r.engine === engine.id);
    if (!own.length) continue;
    engine.status = 'incomplete';
    const why = `${own.length} finding(s) failed validation (first: ${own[0]!.ruleId}: ${own[0]!.reason})`;
    engine.reason = [engine.reason, why].filter(Boolean).join('; ').slice(0, 4_000);
  }
  return { engines, findings: mergeFindings(findings) };
}

/** The second half of `assembleRun`: the policy decides on merged findings, and the findings document is made. */
export function decideRun(input: AssembleInput, engines: EngineRun[], findings: Finding[]): AssembledRun {
  const evaluation = evaluate(findings, input.policy, input.now, { ...input.context, engines });
  const document: FindingsDocument = {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'gatehouse', version: input.toolVersion },
    target: input.target,
    generatedAt: input.now.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };
  return { document, evaluation };
}
