import { errorMessage, finalizeFindings, FINDINGS_SCHEMA_VERSION, mergeFindings, type EngineRun, type Finding, type FindingsDocument } from '@gatehouse/findings';
import { assembleRun, combineOutcomes, type AssembledRun, type AssembleInput } from '@gatehouse/pipeline';
import { evaluate, type EvaluationContext } from '@gatehouse/policy';

/** What a findings transform gives back: the findings (same or refined) and lines for the summary. */
export interface FindingsTransformResult {
  findings: Finding[];
  notes?: string[];
}

/**
 * Refines the merged findings of a scanning action before the policy decides: fix advice computed
 * across engines, what a pull request introduced. A finding it returns with `isNew: false` is
 * counted as already on the base branch (in new-only mode it does not block); one with
 * `isNew: true` as new, even when the ledger or baseline file knows its id. `isNew` left
 * undefined leaves the decision to the ledger and baseline file. A transform that throws is
 * reported in the notes and the merged findings are decided as they are.
 */
export type FindingsTransform = (findings: Finding[]) => Promise<FindingsTransformResult>;

/**
 * The baseline evaluate gets: the ledger's and baseline file's ids, plus the findings the transform
 * marked as already there, minus those it marked as new. Unchanged when it marked nothing.
 */
export function baselineWithMarks(findings: readonly Finding[], baseline: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  let marked: Set<string> | undefined;
  for (const finding of findings) {
    if (finding.isNew === undefined) continue;
    marked ??= new Set(baseline);
    if (finding.isNew) marked.delete(finding.id);
    else marked.add(finding.id);
  }
  return marked ?? baseline;
}

/**
 * pipeline's `assembleRun` (identity, merge, policy) with a `transform` between merge and policy.
 * Without a transform it is `assembleRun` itself; with one, the same steps in the same order (a
 * test keeps the two equal), because `assembleRun` has no seam there and is synchronous.
 */
export async function assembleScanRun(input: AssembleInput, transform?: FindingsTransform): Promise<AssembledRun & { notes: string[] }> {
  if (!transform) return { ...assembleRun(input), notes: [] };
  const outcomes = combineOutcomes(input.outcomes);
  const engines: EngineRun[] = outcomes.map((o) => ({ ...o.engine }));
  const { findings, rejected } = finalizeFindings(
    outcomes.flatMap((o) => o.drafts),
    input.readLine ? { readLine: input.readLine } : {},
  );
  for (const engine of engines) {
    const own = rejected.filter((r) => r.engine === engine.id);
    if (!own.length) continue;
    engine.status = 'incomplete';
    const why = `${own.length} finding(s) failed validation (first: ${own[0]!.ruleId}: ${own[0]!.reason})`;
    engine.reason = [engine.reason, why].filter(Boolean).join('; ').slice(0, 4_000);
  }
  const merged = mergeFindings(findings);
  // A transform that fails must not lose the findings: they are decided as merged (nothing marked
  // as already there, so new-only mode counts them all as new), and the summary says why.
  const transformed = await transform(merged).catch((error: unknown) => ({
    findings: merged,
    notes: [`The findings could not be refined (${errorMessage(error)}); they are decided as the engines reported them.`],
  }));
  const context: EvaluationContext = { ...input.context, engines };
  const baseline = baselineWithMarks(transformed.findings, input.context?.baseline);
  if (baseline) context.baseline = baseline;
  const evaluation = evaluate(transformed.findings, input.policy, input.now, context);
  const document: FindingsDocument = {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'gatehouse', version: input.toolVersion },
    target: input.target,
    generatedAt: input.now.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };
  return { document, evaluation, notes: transformed.notes ?? [] };
}
