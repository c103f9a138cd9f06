/**
 * GitHub keeps the first 10 error, 10 warning and 10 notice annotations of a step and only counts the
 * rest (actions/runner, ExecutionContext.AddIssue: `_maxIssueCount = 10` per type). Every annotation
 * this process issues (logger warnings and errors, finding annotations, the final failure) draws on
 * the same per-level budget, so callers can tell which annotations will really be shown.
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

export class AnnotationBudget {
  private readonly used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };

  constructor(private readonly perLevel = ANNOTATIONS_SHOWN_PER_LEVEL) {}

  /** Records one annotation; returns whether GitHub will show it. */
  take(level: AnnotationLevel): boolean {
    this.used[level] += 1;
    return this.used[level] <= this.perLevel;
  }

  remaining(level: AnnotationLevel): number {
    return Math.max(0, this.perLevel - this.used[level]);
  }
}

/** One budget per process: an action runs as one step. */
export const stepAnnotationBudget = new AnnotationBudget();
