import { errorMessage, type Finding } from '@gatehouse/findings';
import { assembleRun, decideRun, identifyAndMerge, type AssembledRun, type AssembleInput } from '@gatehouse/pipeline';

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
 * pipeline's `assembleRun` (identity, merge, policy) with a `transform` between merge and policy:
 * its two halves, `identifyAndMerge` and `decideRun`, with the transform between them.
 */
export async function assembleScanRun(input: AssembleInput, transform?: FindingsTransform): Promise<AssembledRun & { notes: string[] }> {
  if (!transform) return { ...assembleRun(input), notes: [] };
  const { engines, findings: merged } = identifyAndMerge(input);
  // A transform that fails must not lose the findings: they are decided as merged (nothing marked
  // as already there, so new-only mode counts them all as new), and the summary says why.
  const transformed = await transform(merged).catch((error: unknown) => ({
    findings: merged,
    notes: [`The findings could not be refined (${errorMessage(error)}); they are decided as the engines reported them.`],
  }));
  const baseline = baselineWithMarks(transformed.findings, input.context?.baseline);
  const context = baseline ? { ...input.context, baseline } : input.context;
  return { ...decideRun({ ...input, ...(context ? { context } : {}) }, engines, transformed.findings), notes: transformed.notes ?? [] };
}
